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

## The share dialog
share-language = Langue des e-mails aux destinataires
share-language-hint = Les pages des destinataires suivent la langue de leur propre navigateur.
