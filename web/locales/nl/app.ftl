# De teamapp (web/js).

## Sign-in
sign-in = Inloggen
sign-in-tagline = Deel bestanden met links die na een tijd verlopen.
sign-in-email = E-mail
sign-in-password = Wachtwoord
sign-in-wrong = Verkeerd e-mailadres of wachtwoord.
session-ended = Uw sessie is beëindigd. Log opnieuw in.
sign-out = Uitloggen

## The sidebar
nav-main = Hoofdmenu
nav-assets = Bestanden
nav-collections = Collecties
nav-shares = Gedeelde links
nav-admin = Beheer
nav-all-shares = Alle gedeelde links
nav-users = Gebruikers
nav-policy = Deelbeleid
nav-webhooks = Webhooks
language = Taal

## Errors
not-found = Niet gevonden
not-found-hint = Misschien is het verwijderd.
went-wrong = Er ging iets mis
back-to-assets = Terug naar de bestanden

## The share dialog
share-language = Taal van de e-mails aan ontvangers
share-language-hint = De pagina's van ontvangers volgen de taal van hun eigen browser.
