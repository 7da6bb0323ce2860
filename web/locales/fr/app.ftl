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

## The share dialog
share-language = Langue des e-mails aux destinataires
share-language-hint = Les pages des destinataires suivent la langue de leur propre navigateur.
