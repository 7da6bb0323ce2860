# Courriels aux propriétaires de partages et de demandes, dans la langue choisie pour l’application.

owner-someone-at = quelqu’un depuis { $address }
owner-a-recipient = un destinataire
owner-opened-subject = { $who } a ouvert « { $title } »
owner-downloaded-subject = { $who } a téléchargé depuis « { $title } »
owner-opened = { $who } a ouvert votre partage « { $title } ».
owner-downloaded = { $who } a téléchargé depuis votre partage « { $title } ».
owner-the-share = Le partage : { $link }
owner-digest-subject = { $count ->
    [one] { $count } lien de vos partages a été ouvert ou téléchargé
   *[other] { $count } liens de vos partages ont été ouverts ou téléchargés
}
owner-digest-intro = Depuis le dernier courriel sur vos partages :
owner-files-subject = { $count ->
    [one] { $count } nouveau fichier
   *[other] { $count } nouveaux fichiers
} pour « { $title } »
owner-files-intro = Des fichiers sont arrivés par votre demande « { $title } » :
owner-file-line = { $name } ({ $size }) de { $sender }
owner-sender-unnamed = quelqu’un qui n’a pas donné son nom
owner-files-see = Les voir
owner-files-see-text = Les voir : { $link }
