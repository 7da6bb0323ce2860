# E-Mails an Besitzer von Freigaben und Anfragen, in der Sprache, die sie für die App gewählt haben.

owner-someone-at = jemand unter { $address }
owner-a-recipient = ein Empfänger
owner-opened-subject = { $who } hat „{ $title }“ geöffnet
owner-downloaded-subject = { $who } hat aus „{ $title }“ heruntergeladen
owner-opened = { $who } hat Ihre Freigabe „{ $title }“ geöffnet.
owner-downloaded = { $who } hat aus Ihrer Freigabe „{ $title }“ heruntergeladen.
owner-the-share = Die Freigabe: { $link }
owner-digest-subject = { $count ->
    [one] { $count } Link Ihrer Freigaben wurde geöffnet oder heruntergeladen
   *[other] { $count } Links Ihrer Freigaben wurden geöffnet oder heruntergeladen
}
owner-digest-intro = Seit der letzten E-Mail zu Ihren Freigaben:
owner-files-subject = { $count ->
    [one] { $count } neue Datei
   *[other] { $count } neue Dateien
} für „{ $title }“
owner-files-intro = Über Ihre Anfrage „{ $title }“ sind Dateien eingegangen:
owner-file-line = { $name } ({ $size }) von { $sender }
owner-sender-unnamed = jemand ohne Namensangabe
owner-files-see = Ansehen
owner-files-see-text = Ansehen: { $link }
