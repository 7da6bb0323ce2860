# E-mails aan eigenaars van deellinks en verzoeken, in de taal die zij voor de app kozen.

owner-someone-at = iemand vanaf { $address }
owner-a-recipient = een ontvanger
owner-opened-subject = { $who } heeft ‘{ $title }’ geopend
owner-downloaded-subject = { $who } heeft gedownload uit ‘{ $title }’
owner-opened = { $who } heeft uw deellink ‘{ $title }’ geopend.
owner-downloaded = { $who } heeft gedownload uit uw deellink ‘{ $title }’.
owner-the-share = De deellink: { $link }
owner-digest-subject = { $count ->
    [one] { $count } link van uw deellinks is geopend of gedownload
   *[other] { $count } links van uw deellinks zijn geopend of gedownload
}
owner-digest-intro = Sinds de laatste e-mail over uw deellinks:
owner-files-subject = { $count ->
    [one] { $count } nieuw bestand
   *[other] { $count } nieuwe bestanden
} voor ‘{ $title }’
owner-files-intro = Er zijn bestanden binnengekomen via uw verzoek ‘{ $title }’:
owner-file-line = { $name } ({ $size }) van { $sender }
owner-sender-unnamed = iemand die geen naam opgaf
owner-files-see = Bekijken
owner-files-see-text = Bekijken: { $link }
