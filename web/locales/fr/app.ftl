# L’application de l’équipe (web/js).

## Sign-in
sign-in = Se connecter
sign-in-tagline = Partagez des fichiers avec des liens à durée limitée.
sign-in-email = E-mail
sign-in-password = Mot de passe
sign-in-wrong = E-mail ou mot de passe incorrect.
session-ended = Votre session a pris fin. Reconnectez-vous.
sign-out = Se déconnecter

## The sidebar
nav-main = Principal
nav-assets = Fichiers
nav-collections = Collections
nav-shares = Partages
nav-requests = Demandes
nav-admin = Administration
nav-all-shares = Tous les partages
nav-users = Utilisateurs
nav-policy = Règles de partage
nav-webhooks = Webhooks
language = Langue

## Errors
not-found = Introuvable
not-found-hint = Il a peut-être été supprimé.
went-wrong = Une erreur s’est produite
back-to-assets = Retour aux fichiers

## The assets page
assets-search = Rechercher par nom ou attribut
assets-search-label = Rechercher des fichiers
assets-kind = Type
assets-all-kinds = Tous les types
assets-collection = Collection
assets-all-collections = Toutes les collections
assets-view = Affichage
assets-grid-view = Affichage en grille
assets-list-view = Affichage en liste
assets-select-visible = Sélectionner les éléments visibles
assets-selection = Sélection
assets-selected = { $count ->
    [one] { $count } sélectionné
   *[other] { $count } sélectionnés
}
assets-share = Partager
assets-add-to-collection = Ajouter à une collection
assets-remove-from-collection = Retirer de la collection
assets-delete = Supprimer
assets-clear-selection = Effacer la sélection
assets-no-match = Aucun résultat
assets-no-match-hint = Essayez une autre recherche ou un autre filtre.
assets-empty-collection = Cette collection est vide
assets-empty-collection-hint = Ajoutez des fichiers depuis la page Fichiers, ou téléversez-les ici.
assets-none = Aucun fichier pour l’instant
assets-none-hint = Déposez des fichiers n’importe où sur cette page, ou choisissez-les.
assets-none-yet = Rien n’a encore été téléversé.
assets-choose-files = Choisir des fichiers
assets-col-selected = Sélectionné
assets-col-name = Nom
assets-col-size = Taille
assets-col-status = État
assets-col-added = Ajouté
assets-load-more = Charger plus

# ---- Team app screens (session 5) ----
## Words many screens share
cancel = Annuler
delete = Supprimer
save = Enregistrer
add = Ajouter
create = Créer
close = Fermer
done = Terminé
remove = Retirer
share = Partager
open = Ouvrir
copy = Copier
copy-link = Copier le lien
# A toast; $what is a thing named below, such as "Link" or "Password".
copied = Copié : { $what }
link = Lien
password = Mot de passe
actions = Actions
name = Nom
status = { $status ->
    [active] Actif
    [disabled] Désactivé
    [expired] Expiré
    [used_up] Épuisé
    [creator_deleted] Créateur supprimé
    [removed] Retiré
    [available] Disponible
    [unavailable] Indisponible
   *[other] { $status }
}
kinds = { $kind ->
    [image] Images
    [video] Vidéos
    [audio] Audio
    [document] Documents
   *[other] Autres
}
kind = { $kind ->
    [image] Image
    [video] Vidéo
    [audio] Audio
    [document] Document
    [other] Autre
   *[file] Fichier
}
role = { $role ->
    [viewer] Lecteur
    [editor] Éditeur
    [admin] Administrateur
   *[other] { $role }
}
size = Taille
size-value = { $value } { $unit ->
    [b] o
    [kb] ko
    [mb] Mo
    [gb] Go
   *[tb] To
}
title = Titre
description = Description
message = Message
email = E-mail
expires = Expire
expired = Expiré
created = Créé
added = Ajouté
never = Jamais
yes = Oui
no = Non
on = Activé
off = Désactivé
enable = Activer
disable = Désactiver
no-limit = sans limite
unlimited = Illimité
optional = Facultatif
optional-email-message = Message facultatif dans l’e-mail
when = Quand
address = Adresse
file = Fichier
files = Fichiers
activity = Activité
visits = Visites
downloads = Téléchargements
uses = Utilisations
access = Accès
view-only = Consultation seule
preview-and-download = Aperçu et téléchargement
all = Tous
deleted-asset = Fichier supprimé
team-member = Membre de l’équipe
link-enabled = Lien activé
email-state = { $state ->
    [queued] En file d’attente
    [sent] Envoyé
    [failed] Échec
   *[other] { $state }
}
n-assets = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
}
n-visits = { $count ->
    [one] { $count } visite
   *[other] { $count } visites
}
n-downloads = { $count ->
    [one] { $count } téléchargement
   *[other] { $count } téléchargements
}
n-uses = { $count ->
    [one] { $count } utilisation
   *[other] { $count } utilisations
}
n-links = { $count ->
    [one] { $count } lien
   *[other] { $count } liens
}

## More of the shell and sign-in
nav-searches = Recherches enregistrées
nav-account = Compte
sign-in-code = Code de votre application d’authentification (ou un code de récupération)
sign-in-code-wrong = Code incorrect ou déjà utilisé.
sign-in-code-needed = Saisissez le code de votre application d’authentification.
rename = Renommer
delete-named = Supprimer « { $name } » ?

## The assets page and collections
asset-select = Sélectionner { $name }
assets-delete-title = { $count ->
    [one] Supprimer { $count } fichier ?
   *[other] Supprimer { $count } fichiers ?
}
assets-delete-message = Les fichiers sont supprimés définitivement, et les liens qui les incluent ne les affichent plus.
assets-delete-failed = { $count ->
    [one] { $count } n’a pas pu être supprimé
   *[other] { $count } n’ont pas pu être supprimés
}
assets-deleted = { $count ->
    [one] { $count } fichier supprimé
   *[other] { $count } fichiers supprimés
}
collection-share = Partager la collection
collection-removed-assets = { $count ->
    [one] { $count } fichier retiré de { $name }
   *[other] { $count } fichiers retirés de { $name }
}
collection-new-name = Nom de la nouvelle collection
collection-new-choice = Nouvelle collection…
collection-name-needed = Donnez un nom à la collection.
collection-added-to = Ajouté à { $name }
collection-add-title = { $count ->
    [one] Ajouter { $count } fichier à une collection
   *[other] Ajouter { $count } fichiers à une collection
}
collection-rename = Renommer la collection
collection-delete-message = Les fichiers restent ; seule la collection disparaît. Les liens qui partagent cette collection n’affichent plus ses fichiers.
collection-deleted = Collection supprimée
collections-intro = Des ensembles de fichiers nommés. Partagez une collection et le lien la suit au fil de ses changements.
collection-new = Nouvelle collection
collections-none = Pas encore de collection
collections-none-hint = Regroupez des fichiers pour un projet ou un client, puis partagez l’ensemble.
collection-card = { $count ->
    [one] { $count } fichier · créée le { $date }
   *[other] { $count } fichiers · créée le { $date }
}
collection-name-example = p. ex. Campagne de printemps
collection-created = Collection créée

## An asset's history and attachments
history = Historique
history-none = Pas encore de modification.
history-unreadable = L’historique n’a pas pu être lu.
history-field = { $field ->
    [name] Nom
    [status] Statut
    [expiresAt] Expiration
   *[other] { $field }
}
remove-named = Retirer { $name }
attachments = Pièces jointes
attachments-none = Aucune pièce jointe.
attachments-attached = Joint
attachments-unreadable = Les pièces jointes n’ont pas pu être lues.
attachments-attach = Joindre
attachments-hint = Autorisations, LUT, fichiers annexes : proposés aux destinataires quand un lien le permet.

## One asset
asset-preview-pending = L’aperçu est en cours de création…
asset-no-preview = Pas d’aperçu pour ce fichier
asset-file-name = Nom du fichier
asset-summary = { $kind } · { $size } · ajouté le { $date }
asset-download = Télécharger
status-field = Statut
asset-unavailable-option = Indisponible — ne peut être ni téléchargé ni partagé
asset-name-saved = Nom enregistré
asset-status-saved = Statut enregistré
asset-expiry-saved = Expiration enregistrée
asset-attributes-saved = Attributs enregistrés
asset-type = Type
asset-size-exact = { $size } ({ $bytes } octets)
asset-thumbnail = Miniature
derivative-state = { $state ->
    [pending] en cours
    [ready] prête
    [failed] échec
    [not_applicable] sans objet
   *[other] { $state }
}
asset-details = Détails
asset-expires-hint = Après cette date, le fichier ne peut plus être téléchargé ni partagé.
asset-attribute-key = clé
asset-attribute-name = Nom de l’attribut
asset-attribute-value = valeur
asset-attribute-value-label = Valeur de l’attribut
asset-attribute-remove = Retirer l’attribut
asset-attributes = Attributs
asset-no-attributes = Aucun attribut.
asset-save-attributes = Enregistrer les attributs
asset-not-shared = Pas encore partagé.
share-expires-when = expire { $when }
share-expired-when = expiré { $when }
share-uses-of = { $uses }/{ $max } utilisations
asset-sharing = Partages
asset-delete-hint = Supprimer définitivement le fichier et ses aperçus.
asset-delete-message = Cette action est irréversible. Les liens qui l’incluent ne l’affichent plus.
asset-deleted = Fichier supprimé

## Shares: the list and one share's page
shares-deleted-user = utilisateur supprimé
shares-owner = Propriétaire
shares-everyone = Tout le monde
shares-admin-intro = Tous les liens du système, quel que soit leur créateur.
shares-intro = Les liens que vous avez créés. Sélectionnez des fichiers ou une collection pour en créer un nouveau.
shares-new-from-assets = Nouveau lien à partir de fichiers
shares-no-match = Aucun lien ne correspond
shares-none = Pas encore de lien
shares-no-match-hint = Essayez un autre filtre.
shares-none-hint = Sélectionnez des fichiers et choisissez Partager pour créer un lien.
copy-link-of = Copier le lien de { $title }
share-disabled-toast = Lien désactivé : il répond « désactivé » jusqu’à sa réactivation
share-qr-more = QR code et plus
count-of = { $count } sur { $max }
count-left = { $count ->
    [one] { $count } restante
   *[other] { $count } restantes
}
last-access = Dernier accès
share-the-link = Partager le lien
qr-code-for = QR code pour { $url }
share-guests = Invités
share-settings = Paramètres
share-follows-collection-before = Ce lien suit la collection{" "}
share-follows-collection-after = { " " }: ajoutez-y ou retirez-y des fichiers.
share-collection-deleted = La collection que suit ce lien a été supprimée.
share-add-assets = Ajouter des fichiers
share-remove-asset = Retirer { $name } de ce lien
share-asset-removed = Retiré du lien
asset = Fichier
share-no-assets = Aucun fichier dans ce lien
share-no-assets-hint = Les destinataires voient une page vide.
share-in-the-link = dans le lien
nothing-found = Aucun résultat
share-assets-added-skipped = { $count ->
    [one] { $count } fichier ajouté, { $skipped } laissé(s) de côté (indisponible ou expiré)
   *[other] { $count } fichiers ajoutés, { $skipped } laissé(s) de côté (indisponibles ou expirés)
}
share-assets-added = { $count ->
    [one] { $count } fichier ajouté
   *[other] { $count } fichiers ajoutés
}
share-add-assets-title = Ajouter des fichiers au lien
guests-their-link-expires = Leur lien expire
guests-with-the-link = Avec le lien
guests-after = Après { $duration }
guests-invite-title = Inviter des invités
guests-need-someone = Ajoutez une adresse e-mail ou un membre de l’équipe.
guests-invited = { $count ->
    [one] { $count } invité ajouté
   *[other] { $count } invités ajoutés
}
guests-who = E-mails ou membres de l’équipe
guests-who-hint = Chaque invité reçoit par e-mail un lien personnel, compté séparément.
guests-invite = Inviter
guests-none = Pas encore d’invité
guests-none-hint = Toute personne disposant du lien peut l’ouvrir. Invitez des personnes pour donner à chacune un lien personnel et suivi.
guest = Invité
guests-link-expires = Le lien expire
guests-copy-personal-link = Copier le lien personnel
guests-remove = Retirer l’invité
guests-remove-title = Retirer { $name } ?
guests-remove-message = Son lien personnel cesse aussitôt de fonctionner.
guests-removed = Invité retiré
share-event = { $type ->
    [visit] Visite
    [unlock_failed] Mot de passe incorrect
    [preview] Aperçu
    [download] Téléchargement
    [bundle] Tout télécharger
   *[other] { $type }
}
activity-none = Pas encore d’activité
activity-none-hint = Les visites, aperçus et téléchargements s’affichent ici au fur et à mesure.
activity-all-files = Tous les fichiers (zip)
activity-event-type = Type d’événement
n-events = { $count ->
    [one] { $count } événement
   *[other] { $count } événements
}
activity-event = Événement
activity-variant = Variante
activity-bytes = Octets
activity-by = Par
activity-browser = Navigateur
settings-new-password = Saisissez un nouveau mot de passe pour le changer
no-password = Pas de mot de passe
settings-password-set = Un mot de passe est défini.
settings-no-password = Toute personne disposant du lien peut l’ouvrir.
settings-password-removed-on-save = Le mot de passe sera supprimé à l’enregistrement.
settings-remove-password = Supprimer le mot de passe
save-changes = Enregistrer les modifications
settings-saved = Paramètres enregistrés
settings-title = Paramètres du lien
max-uses = Nombre maximal d’utilisations
settings-uses-so-far = { $count ->
    [one] { $count } utilisation jusqu’ici. Changer la limite conserve ce compte.
   *[other] { $count } utilisations jusqu’ici. Changer la limite conserve ce compte.
}
danger-zone = Zone sensible
settings-disable-link = Désactiver le lien
settings-enable-link = Activer le lien
settings-disable-hint = Les destinataires voient « désactivé » jusqu’à ce que vous le réactiviez. Rien n’est perdu.
settings-enable-hint = Le lien fonctionne de nouveau jusqu’à son expiration.
settings-delete-link = Supprimer le lien
settings-delete-hint = Le lien et les liens de ses invités cessent définitivement de fonctionner. Les fichiers restent.
settings-delete-message = { $visits ->
    [one] { $visits } visite
   *[other] { $visits } visites
} et { $downloads ->
    [one] { $downloads } téléchargement
   *[other] { $downloads } téléchargements
} jusqu’ici. Toute personne disposant du lien ou d’un lien personnel perd l’accès. Cette action est irréversible.
settings-delete-confirm = Supprimer le lien
link-deleted = Lien supprimé
settings-summary = Résumé
watermark = Filigrane

## The share dialog and the link-ready panel
dialog-file-as-collection = Les classer dans une nouvelle collection que le lien suit
dialog-collection-default-name = Nouvelle collection du { $date }
dialog-attribute-history = Historique des attributs (CSV)
dialog-contact-sheet = Planche contact (PDF)
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
duration-weeks = { $count ->
    [one] { $count } semaine
   *[other] { $count } semaines
}
duration-years = { $count ->
    [one] { $count } an
   *[other] { $count } ans
}
share-default-title = Lien du { $date }, { $time }
dialog-expiry-date = Date d’expiration
dialog-date = Date…
dialog-keep = Conserver
dialog-now-expires = Expire actuellement le { $date }.
dialog-at-most = Au plus { $duration } à partir de maintenant.
dialog-expires-after = Expire après
dialog-pick-date = Choisissez une date d’expiration.
dialog-may-download = Les destinataires peuvent télécharger
originals = Originaux
previews = Aperçus
thumbnails = Miniatures
dialog-preset = Préréglage « { $name } »
dialog-attributes-csv = Attributs (CSV)
dialog-variants-hint = Seules les variantes qui existent pour chaque fichier sont proposées.
dialog-attributes-shown = Attributs affichés sur la page
shown-attribute = { $key ->
    [name] Nom
    [type] Type
    [size] Taille
    [dimensions] Dimensions
    [duration] Durée
   *[other] { $key }
}
dialog-watermark = Filigrane sur les aperçus
dialog-notify = M’envoyer un e-mail quand un lien est pour la première fois
dialog-notify-opened = ouvert
dialog-notify-downloaded = téléchargé
dialog-notify-hint = Une fois par lien : celui de chaque destinataire et celui du partage.
dialog-remind = Relancer les destinataires qui n’ont rien téléchargé avant la fin de leur lien
dialog-show-password = Afficher le mot de passe
dialog-generate = Générer
dialog-recipients-placeholder = Nom ou e-mail, puis Entrée
dialog-add-recipients = Ajouter des destinataires
dialog-not-an-email = Ce n’est pas une adresse e-mail
left-out-reason = { $why ->
    [unavailable] marqué indisponible
    [expired] expiré
    [not_found] supprimé
    [not_visible] vous ne pouvez pas le partager
   *[other] { $why }
}
dialog-description-placeholder = Facultatif : affiché aux destinataires sous le titre
create-link = Créer le lien
dialog-sharing-collection = { $count ->
    [one] Partage de la collection « { $name } » ({ $count } fichier)
   *[other] Partage de la collection « { $name } » ({ $count } fichiers)
}
dialog-sharing-search = { $count ->
    [one] Partage de la recherche enregistrée « { $name } » ({ $count } fichier maintenant, d’autres à mesure qu’ils correspondent)
   *[other] Partage de la recherche enregistrée « { $name } » ({ $count } fichiers maintenant, d’autres à mesure qu’ils correspondent)
}
dialog-sharing-assets = { $count ->
    [one] Partage de { $count } fichier
   *[other] Partage de { $count } fichiers
}
dialog-password-hint = Les destinataires le saisissent avant de voir quoi que ce soit.
dialog-max-uses-hint = Chaque visite compte pour une utilisation.
dialog-blocked = { $count ->
    [one] { $count } fichier ne peut pas être partagé et sera laissé de côté :
   *[other] { $count } fichiers ne peuvent pas être partagés et seront laissés de côté :
}
dialog-send-to = Envoyer à (facultatif)
dialog-send-to-hint = Chaque destinataire reçoit par e-mail un lien personnel, pour que vous sachiez qui a ouvert quoi.
dialog-title-needed = Un lien a besoin d’un titre.
dialog-not-made = Le lien n’a pas pu être créé : { $reason }
embed-code = Code d’intégration
embed-hint = À coller dans une page web ou une lettre d’information. Les navigateurs ouvrent le lien dans un nouvel onglet.
embed-copy = Copier le code
optional-message = Message facultatif
email-link-to = Envoyer le lien par e-mail à
email-link-need-address = Ajoutez au moins une adresse e-mail.
email-link-sent = Envoyé à { $to }.
send = Envoyer
ready-password = Protégé par un mot de passe. Envoyez-le séparément.
copy-password = Copier le mot de passe
email-link = Envoyer par e-mail
download-qr = Télécharger le QR code
ready-title = Lien prêt
ready-expires = Expire le { $date }
ready-view-only = consultation seule
ready-left-out = { $count ->
    [one] { $count } fichier laissé de côté :
   *[other] { $count } fichiers laissés de côté :
}
ready-personal-links = { $count ->
    [one] Liens personnels pour { $count } destinataire
   *[other] Liens personnels pour { $count } destinataires
}
ready-go-to-share = Aller à la page du partage

## Upload requests
request-files = Demander des fichiers
requests-intro = Des liens par lesquels des personnes extérieures à l’équipe vous envoient des fichiers. Ce qu’elles envoient arrive dans vos fichiers.
requests-none = Pas encore de demande
requests-none-hint = Demandez à un client ses rushes ou ses documents signés par un lien : aucun compte nécessaire de son côté.
request = Demande
request-disabled-toast = Lien désactivé : il n’accepte plus de fichiers jusqu’à sa réactivation
request-delete-title = Supprimer cette demande ?
request-delete-message = Son lien cesse de fonctionner. Les fichiers reçus restent dans vos fichiers.
request-deleted = Demande supprimée
request-on-the-way = { $count } en cours d’envoi
request-of-the-limit = reçus sur la limite
request-of-size = sur { $size }
request-types = Types
request-any-type = Tous
request-lands-before = Les fichiers arrivent dans la collection{" "}
request-lands-link = de cette demande
request-lands-after = . Personne d’autre ne les voit tant que vous ne les partagez pas.
request-from = De
request-received = Reçu
request-not-given = Non indiqué
request-no-files = Pas encore de fichier
request-no-files-hint = Envoyez le lien à la personne qui a les fichiers.
request-asked-by-email = Demandé par e-mail
request-email-state = État de l’e-mail
request-what = Quoi
request-event = { $type ->
    [upload] Envoi
    [deleted] Retiré par l’expéditeur
    [unlock_failed] Mot de passe incorrect
   *[other] { $type }
}
request-activity-none = Les envois s’affichent ici au fur et à mesure.
request-title-example = p. ex. Rushes du tournage
request-description-placeholder = Ce dont vous avez besoin, pour qui ouvre le lien
no-limit-field = Sans limite
request-types-placeholder = Tous, ou p. ex. image/*, video/*, .pdf
request-link = Lien de demande
request-lands-in = Les fichiers envoyés par le lien arrivent dans « { $name } ».
request-lands-in-new = Les fichiers envoyés par le lien arrivent dans une nouvelle collection nommée d’après la demande.
request-most-files = Nombre maximal de fichiers
request-most-mb = Mégaoctets au total, au plus
request-allowed-types = Types autorisés
request-allowed-types-hint = Vérifié sur le contenu de chaque fichier, pas seulement sur son nom.
request-ask-by-email = Demander par e-mail
request-ask-by-email-hint = Chaque adresse reçoit son propre lien.

## Saved searches
search-in-collection = dans une collection
search-has = a { $key }
search-all-assets = Tous les fichiers
search-saved = Recherche enregistrée
search-save = Enregistrer la recherche
search-save-hint = Partagez-la plus tard : le lien suit la recherche au gré des fichiers qui arrivent et partent.
searches-intro = Partagez une recherche et le lien montre ce qu’elle trouve à chaque visite.
searches-none = Pas encore de recherche enregistrée
searches-none-hint = Recherchez dans les fichiers, puis choisissez « Enregistrer la recherche ».
search-described = { $what } · enregistrée le { $date }
delete-search = Supprimer { $name }
search-delete-message = Les liens créés à partir d’elle n’affichent plus rien.

## The account: two-factor sign-in
totp-title = Connexion à deux facteurs
totp-sso = Vous vous connectez par l’authentification unique de votre organisation ; sa propre double authentification s’applique.
totp-on = Activée : la connexion demande un code de votre application d’authentification.
totp-turned-off = La connexion à deux facteurs est désactivée.
totp-code-or-recovery = Code ou code de récupération
totp-turn-off = Désactiver
totp-off = Désactivée. Ajoutez à votre connexion un code d’une application d’authentification.
totp-set-up = Configurer la connexion à deux facteurs
totp-qr = QR code pour votre application d’authentification
totp-scan = Scannez-le avec votre application d’authentification (ou saisissez la clé), puis tapez le code qu’elle affiche.
totp-key = Clé :{" "}
totp-code-from-app = Code de l’application
totp-turn-on = Activer
totp-recovery-codes = La connexion à deux facteurs est activée. Gardez ces codes de récupération en lieu sûr : chacun permet de se connecter une fois sans votre téléphone. Ils ne sont affichés que maintenant.
totp-required = Ce serveur demande pour chaque compte un code d’une application d’authentification. Configurez-la, puis reconnectez-vous avec un code.
totp-sign-in-again = La connexion à deux facteurs est activée. Connectez-vous avec un code.

## Admin: users and the sharing policy
users-intro = Les personnes qui se connectent pour envoyer et partager. Les destinataires n’ont pas besoin de compte.
users-new = Nouvel utilisateur
users-role-of = Rôle de { $email }
users-role-changed = { $email } est maintenant { $role }
users-links = Liens
users-you = vous
user = Utilisateur
users-role = Rôle
role-described = { $role ->
    [viewer] Lecteur — voit les fichiers et les liens
    [editor] Éditeur — envoie et partage
   *[admin] Administrateur — tout, tous les liens, les utilisateurs
}
users-display-name = Nom affiché
users-first-password = Premier mot de passe
users-new-password = Nouveau
users-first-password-hint = Copié à la création de l’utilisateur : transmettez-le de façon sûre.
users-create = Créer l’utilisateur
users-transfer-nobody = Personne — ses liens cessent de fonctionner
users-deleted = { $email } supprimé
users-delete-title = Supprimer { $email } ?
users-delete-message = Cette personne ne pourra plus se connecter. Ses liens ne continuent de fonctionner que si vous les confiez d’abord à quelqu’un d’autre.
users-transfer = Confier ses liens à
users-delete = Supprimer l’utilisateur
policy-allowed = Autorisé
policy-not-allowed = Non autorisé
policy-intro = Défini dans le fichier de configuration ([sharing]). Les nouveaux liens le suivent ; les liens existants gardent les options avec lesquelles ils ont été créés.
policy-expiry = Expiration
policy-durations = Durées proposées
policy-default = Par défaut
policy-longest = Maximum autorisé
policy-features = Fonctions
policy-passwords = Mots de passe
policy-view-only = Liens en consultation seule
policy-use-limits = Limites d’utilisation
policy-watermarks = Filigranes
policy-defaults = Valeurs par défaut d’un nouveau lien
policy-email-first-visit = E-mail à la première visite
policy-email-first-download = E-mail au premier téléchargement
policy-attributes-shown = Attributs affichés
policy-presets = Préréglages
policy-no-presets = Aucun préréglage : ajoutez des sections [presets.NAME] à la configuration.

## Admin: webhooks
webhooks-intro = Des événements envoyés par POST en JSON signé (en-tête Handoff-Signature) à d’autres systèmes ; une livraison échouée est retentée, avec une attente plus longue à chaque fois (8 essais).
webhooks-new = Nouveau webhook
webhooks-deliveries = Livraisons
webhooks-send-test = Envoyer un événement de test
webhooks-url = URL
webhooks-events = Événements
webhooks-enabled = Activé
webhooks-none = Pas encore de webhook.
webhooks-deliveries-to = Livraisons à { $url }
webhooks-refresh = Actualiser
webhooks-made = Créé
webhooks-tries = Essais
webhooks-last-answer = Dernière réponse
delivery-status = { $status ->
    [pending] En attente d’un nouvel envoi
    [delivered] Livré
    [failed] Échec
   *[other] { $status }
}
webhooks-nothing-sent = Rien d’envoyé pour l’instant.
webhooks-test-queued = Événement de test mis en file
webhooks-delete-title = Supprimer ce webhook ?
webhooks-delete-message = Plus aucun événement n’ira à { $url }.
webhooks-secret = Secret de signature
webhooks-create = Créer le webhook
webhooks-secret-hint = Le secret de signature est copié à la création ; il n’est plus affiché ensuite.

## The upload panel
upload = Envoyer
upload-overall-progress = Progression globale de l’envoi
upload-uploading = Envoi en cours
upload-close = Fermer les envois
upload-panel = Envois
upload-overall = Global
upload-uploading-files = { $count ->
    [one] Envoi de { $count } fichier…
   *[other] Envoi de { $count } fichiers…
}
upload-some-failed = { $done } envoyé(s), { $failed } en échec
upload-uploaded = { $count ->
    [one] { $count } fichier envoyé
   *[other] { $count } fichiers envoyés
}
upload-progress-of = Progression de { $name }
upload-waiting = En attente
upload-pause = Pause
upload-paused = En pause
upload-resume = Reprendre
upload-resuming = Reprise…
upload-seconds-left = { $count ->
    [one] { $count } s restante
   *[other] { $count } s restantes
}
upload-minutes-left = { $count ->
    [one] { $count } min restante
   *[other] { $count } min restantes
}
upload-rate = { $size }/s
upload-retrying = Connexion perdue : nouvel essai…
upload-no-asset = le serveur n’a indiqué aucun fichier
upload-failed = Échec
upload-drop = Déposez des fichiers pour les envoyer
# ---- end of the team app screens ----

## The share dialog
share-language = Langue des e-mails aux destinataires
share-language-hint = Les pages des destinataires suivent la langue de leur propre navigateur.

## Domains: the switcher, the admin page and the asset's domain panel
nav-domains = Domaines
domain = Domaine
domain-all = Tous mes domaines
domain-moved = Déplacé vers { $name }
domains-intro = Chaque fichier appartient à un seul domaine ; les membres voient et partagent les fichiers de leurs domaines. Les administrateurs voient tout.
domain-new = Nouveau domaine
domain-rename = Renommer le domaine
domain-members = Membres
domain-move-hint = Déplacez un fichier depuis sa page (panneau Domaine), ou plusieurs à la fois depuis la sélection de la liste des fichiers.
domain-member-of = { $email } dans { $domain }
domain-member-count = { $email } : { $count ->
    [one] { $count } domaine
   *[other] { $count } domaines
}
n-members = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
domain-delete-hint = Seul un domaine vide peut être supprimé : déplacez d’abord ses fichiers et donnez un autre domaine à ses membres.
domain-move-selection = Déplacer vers un domaine
domain-move-title = { $count ->
    [one] Déplacer { $count } fichier vers un domaine
   *[other] Déplacer { $count } fichiers vers un domaine
}
domain-move = Déplacer
domain-moved-assets = { $count ->
    [one] { $count } fichier déplacé vers { $name }
   *[other] { $count } fichiers déplacés vers { $name }
}
