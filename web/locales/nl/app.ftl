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
nav-requests = Verzoeken
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

## The assets page
assets-search = Zoeken op naam of kenmerk
assets-search-label = Bestanden doorzoeken
assets-kind = Soort
assets-all-kinds = Alle soorten
assets-collection = Collectie
assets-all-collections = Alle collecties
assets-view = Weergave
assets-grid-view = Rasterweergave
assets-list-view = Lijstweergave
assets-select-visible = Zichtbare selecteren
assets-selection = Selectie
assets-selected = { $count } geselecteerd
assets-share = Delen
assets-add-to-collection = Aan collectie toevoegen
assets-remove-from-collection = Uit collectie verwijderen
assets-delete = Verwijderen
assets-clear-selection = Selectie wissen
assets-no-match = Niets gevonden
assets-no-match-hint = Probeer een andere zoekopdracht of een ander filter.
assets-empty-collection = Deze collectie is leeg
assets-empty-collection-hint = Voeg bestanden toe vanaf de pagina Bestanden, of upload ze hier.
assets-none = Nog geen bestanden
assets-none-hint = Sleep bestanden ergens op deze pagina, of kies ze.
assets-none-yet = Er is nog niets geüpload.
assets-choose-files = Bestanden kiezen
assets-col-selected = Geselecteerd
assets-col-name = Naam
assets-col-size = Grootte
assets-col-status = Status
assets-col-added = Toegevoegd
assets-load-more = Meer laden

## The share dialog
share-language = Taal van de e-mails aan ontvangers
share-language-hint = De pagina's van ontvangers volgen de taal van hun eigen browser.
