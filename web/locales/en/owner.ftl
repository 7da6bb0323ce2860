# Emails to share owners and request creators about their links, in the language they chose
# for the app (English when none).

owner-someone-at = someone at { $address }
owner-a-recipient = a recipient
owner-opened-subject = { $who } opened “{ $title }”
owner-downloaded-subject = { $who } downloaded from “{ $title }”
owner-opened = { $who } opened your share “{ $title }”.
owner-downloaded = { $who } downloaded from your share “{ $title }”.
owner-the-share = The share: { $link }
owner-digest-subject = { $count ->
    [one] { $count } link of your shares was opened or downloaded
   *[other] { $count } links of your shares were opened or downloaded
}
owner-digest-intro = Since the last email about your shares:
owner-files-subject = { $count ->
    [one] { $count } new file
   *[other] { $count } new files
} for “{ $title }”
owner-files-intro = Files arrived through your request “{ $title }”:
owner-file-line = { $name } ({ $size }) from { $sender }
owner-sender-unnamed = someone who did not give a name
owner-files-see = See them
owner-files-see-text = See them: { $link }
