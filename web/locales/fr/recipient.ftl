# Côté destinataire : les pages d’un lien et les e-mails aux destinataires.

## Page shell
skip-to-content = Aller au contenu
language = Langue

## 404
not-found-title = Lien introuvable
not-found-body = Il n’y a aucun partage à cette adresse. Le lien est peut-être mal saisi ou tronqué : vérifiez que vous l’avez copié en entier.
not-found-hint = Si cela ne fonctionne toujours pas, demandez un nouveau lien à la personne qui vous l’a envoyé.

## 410
gone-expired = Ce lien a expiré
gone-recipient-expired = Votre lien a expiré
gone-disabled = Ce lien est désactivé
gone-used-up = Ce lien a été épuisé
gone-creator-deleted = Ce lien ne fonctionne plus
gone-recipient-removed = Votre accès a été retiré
gone-asset-unavailable = Ce fichier n’est plus disponible
gone-why-expired = Les fichiers partagés ne sont disponibles que pendant une durée limitée, et cette durée est écoulée.
gone-why-disabled = La personne qui l’a partagé a désactivé le lien pour le moment.
gone-why-used-up = Il ne pouvait être ouvert qu’un nombre limité de fois, et toutes ont été utilisées.
gone-why-creator-deleted = La personne qui l’a partagé n’a plus de compte ici.
gone-why-recipient-removed = La personne qui l’a partagé a retiré votre accès.
gone-why-asset-unavailable = Le fichier a été retiré ou a expiré.
gone-ask = Demandez un nouveau lien à la personne qui l’a partagé avec vous.
gone-ask-named = Demandez un nouveau lien à { $who }, qui l’a partagé.

## Password
unlock-title = Lien protégé
unlock-heading = Ce lien est protégé
unlock-intro = Saisissez le mot de passe qui vous a été communiqué pour voir les fichiers.
unlock-wrong = Mot de passe incorrect. Réessayez.
unlock-password = Mot de passe
unlock-open = Ouvrir
unlock-no-password = Pas de mot de passe ? Demandez-le à la personne qui a partagé le lien.

## 429
slow-title = Trop de tentatives
slow-body = Le mot de passe a été mal saisi trop de fois. Par sécurité, réessayez dans { $wait }.
slow-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
slow-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
slow-lost = Si vous avez perdu le mot de passe, demandez-le à la personne qui a partagé le lien.

## Landing page
landing-summary = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
} · { $size }
landing-available-until = Disponible jusqu’au { $date }
landing-uses-left = { $count ->
    [one] { $count } visite restante
   *[other] { $count } visites restantes
}
landing-view-only = Consultation seule
landing-download-all = Tout télécharger
landing-download-all-files = Télécharger tous les fichiers
landing-views = Affichage
landing-grid-view = Affichage en grille
landing-grid = Grille
landing-list-view = Affichage en liste
landing-list = Liste
landing-empty = Ce partage ne contient aucun fichier pour le moment.
landing-empty-ask = Demandez à la personne qui l’a partagé.
landing-name = Nom
landing-files = Fichiers
landing-play = Lire { $name }
landing-open = Voir { $name }
landing-download = Télécharger
landing-download-one = Télécharger { $name }
landing-footer = Partagé via { $brand } · disponible jusqu’au { $date }

## What a file is
kind-image = Image
kind-video = Vidéo
kind-audio = Audio
kind-document = Document
kind-other = Fichier

## Attribute columns
column-type = Type
column-size = Taille
column-dimensions = Dimensions
column-duration = Durée

## Downloads
variant-original = Original
variant-preview = Aperçu
variant-thumbnail = Vignette
variant-preset = Préréglage « { $name } »
variant-page = Page { $page }
variant-proxy = Copie lisible
variant-attachment = Pièce jointe
attachment-named = Pièce jointe « { $name } »
contact-sheet = Planche contact (PDF)
sheet-footer = Page { $page } sur { $pages } - { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
}
download-everything = Tout
download-all-files = Tous les fichiers
download-only = { $variant } uniquement
download-csv-only = Attributs (CSV) uniquement

## The lightbox
lightbox-close = Fermer
lightbox-previous = Précédent
lightbox-next = Suivant
lightbox-previous-page = Page précédente
lightbox-next-page = Page suivante
lightbox-page = Page { $page } / { $total }

## Formats
date-time = { $day } { $month ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avr.
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] déc.
} { $year } à { $time } UTC
size = { $value } { $unit ->
    [b] o
    [kb] ko
    [mb] Mo
    [gb] Go
   *[tb] To
}

## Emails to recipients
email-shared-subject = { $sharer } a partagé « { $title } » avec vous
email-shared-intro = { $sharer } a partagé « { $title } » avec vous.
email-message = Message :
email-summary = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
} · disponible jusqu’au { $date }
email-open = Ouvrir le partage
email-open-text = Ouvrir : { $link }
email-reminder-subject = Rappel : « { $title } » est disponible jusqu’au { $date }
email-reminder-body = { $sharer } a partagé « { $title } » avec vous ; vous ne l’avez pas encore téléchargé. Votre lien fonctionne jusqu’au { $date }.

## Upload request page (/u/…); request.js fills in {name}, {status} and {received}
request-asked-by = Demandé par { $name }
request-open-until = Ouvert jusqu’au { $date }
request-limit-files = { $count ->
    [one] Jusqu’à { $count } fichier
   *[other] Jusqu’à { $count } fichiers
}
request-limit-size = jusqu’à { $size } au total
request-limit-types = uniquement { $types }
request-your-name = Votre nom
request-your-email = Votre adresse e-mail
request-optional = (facultatif)
request-drop = Déposez des fichiers ici
request-drop-or = ou
request-choose = Choisir des fichiers
request-your-files = Vos fichiers
request-nothing-sent = Rien n’a encore été envoyé. Les fichiers envoyés apparaissent ici ; vous pouvez les retirer tant que le lien est ouvert. Personne d’autre ayant ce lien ne les voit.
request-needs-script = L’envoi de fichiers nécessite JavaScript.
request-waiting = En attente
request-sent = Envoyé
request-remove = Retirer
request-progress = Progression de { $name }
request-failed = Échec ({ $status })
request-count = { $max ->
    [one] { $received } sur { $max } fichier
   *[other] { $received } sur { $max } fichiers
}

## Emails to those asked for files (an upload request)
email-request-subject = { $asker } vous demande des fichiers : « { $title } »
email-request-intro = { $asker } vous demande d’envoyer des fichiers pour « { $title } ».
email-request-open-until = Ouvert jusqu’au { $date }
email-request-send = Envoyer vos fichiers
email-request-send-text = Envoyer vos fichiers : { $link }
