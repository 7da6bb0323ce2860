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

# ---- Team app screens (session 5) ----
## Words many screens share
cancel = Annuleren
delete = Verwijderen
save = Opslaan
add = Toevoegen
create = Aanmaken
close = Sluiten
done = Klaar
remove = Weghalen
share = Delen
open = Openen
copy = Kopiëren
copy-link = Link kopiëren
# A toast; $what is a thing named below, such as "Link" or "Password".
copied = { $what } gekopieerd
link = Link
password = Wachtwoord
actions = Acties
name = Naam
status = { $status ->
    [active] Actief
    [disabled] Uitgeschakeld
    [expired] Verlopen
    [used_up] Opgebruikt
    [creator_deleted] Maker verwijderd
    [removed] Weggehaald
    [available] Beschikbaar
    [unavailable] Niet beschikbaar
   *[other] { $status }
}
kinds = { $kind ->
    [image] Afbeeldingen
    [video] Video's
    [audio] Audio
    [document] Documenten
   *[other] Overig
}
kind = { $kind ->
    [image] Afbeelding
    [video] Video
    [audio] Audio
    [document] Document
    [other] Overig
   *[file] Bestand
}
role = { $role ->
    [viewer] Kijker
    [editor] Redacteur
    [admin] Beheerder
   *[other] { $role }
}
size = Grootte
size-value = { $value } { $unit ->
    [b] B
    [kb] kB
    [mb] MB
    [gb] GB
   *[tb] TB
}
title = Titel
description = Beschrijving
message = Bericht
email = E-mail
expires = Verloopt
expired = Verlopen
created = Aangemaakt
added = Toegevoegd
never = Nooit
yes = Ja
no = Nee
on = Aan
off = Uit
enable = Inschakelen
disable = Uitschakelen
no-limit = geen limiet
unlimited = Onbeperkt
optional = Optioneel
optional-email-message = Optioneel bericht in de e-mail
when = Wanneer
address = Adres
file = Bestand
files = Bestanden
activity = Activiteit
visits = Bezoeken
downloads = Downloads
uses = Gebruik
access = Toegang
view-only = Alleen bekijken
preview-and-download = Bekijken en downloaden
all = Alle
deleted-asset = Verwijderd bestand
team-member = Teamlid
link-enabled = Link ingeschakeld
email-state = { $state ->
    [queued] In de wachtrij
    [sent] Verzonden
    [failed] Mislukt
   *[other] { $state }
}
n-assets = { $count ->
    [one] { $count } bestand
   *[other] { $count } bestanden
}
n-visits = { $count ->
    [one] { $count } bezoek
   *[other] { $count } bezoeken
}
n-downloads = { $count ->
    [one] { $count } download
   *[other] { $count } downloads
}
n-uses = { $count ->
    [one] { $count } keer gebruikt
   *[other] { $count } keer gebruikt
}
n-links = { $count ->
    [one] { $count } link
   *[other] { $count } links
}

## More of the shell and sign-in
nav-searches = Opgeslagen zoekopdrachten
nav-account = Account
sign-in-code = Code uit uw authenticator-app (of een herstelcode)
sign-in-code-wrong = Onjuiste of al gebruikte code.
sign-in-code-needed = Voer de code uit uw authenticator-app in.
rename = Naam wijzigen
delete-named = ‘{ $name }’ verwijderen?

## The assets page and collections
asset-select = { $name } selecteren
assets-delete-title = { $count ->
    [one] { $count } bestand verwijderen?
   *[other] { $count } bestanden verwijderen?
}
assets-delete-message = De bestanden worden definitief verwijderd, en links waarin ze staan tonen ze niet meer.
assets-delete-failed = { $count ->
    [one] { $count } kon niet worden verwijderd
   *[other] { $count } konden niet worden verwijderd
}
assets-deleted = { $count ->
    [one] { $count } bestand verwijderd
   *[other] { $count } bestanden verwijderd
}
collection-share = Collectie delen
collection-removed-assets = { $count ->
    [one] { $count } bestand uit { $name } gehaald
   *[other] { $count } bestanden uit { $name } gehaald
}
collection-new-name = Naam van de nieuwe collectie
collection-new-choice = Nieuwe collectie…
collection-name-needed = Geef de collectie een naam.
collection-added-to = Toegevoegd aan { $name }
collection-add-title = { $count ->
    [one] { $count } bestand aan een collectie toevoegen
   *[other] { $count } bestanden aan een collectie toevoegen
}
collection-rename = Naam van collectie wijzigen
collection-delete-message = De bestanden blijven; alleen de collectie verdwijnt. Links die deze collectie delen, tonen haar bestanden niet meer.
collection-deleted = Collectie verwijderd
collections-intro = Sets bestanden met een naam. Deel een collectie en de link volgt haar als ze verandert.
collection-new = Nieuwe collectie
collections-none = Nog geen collecties
collections-none-hint = Groepeer bestanden voor een project of een klant en deel daarna het geheel.
collection-card = { $count ->
    [one] { $count } bestand · aangemaakt op { $date }
   *[other] { $count } bestanden · aangemaakt op { $date }
}
collection-name-example = bijv. Voorjaarscampagne
collection-created = Collectie aangemaakt

## An asset's history and attachments
history = Geschiedenis
history-none = Nog geen wijzigingen.
history-unreadable = De geschiedenis kon niet worden gelezen.
history-field = { $field ->
    [name] Naam
    [status] Status
    [expiresAt] Vervaldatum
   *[other] { $field }
}
remove-named = { $name } weghalen
attachments = Bijlagen
attachments-none = Geen bijlagen.
attachments-attached = Bijgevoegd
attachments-unreadable = De bijlagen konden niet worden gelezen.
attachments-attach = Bijvoegen
attachments-hint = Toestemmingsformulieren, LUT's, sidecar-bestanden: aangeboden aan ontvangers als de link dat toestaat.

## One asset
asset-preview-pending = Het voorbeeld wordt gemaakt…
asset-no-preview = Geen voorbeeld voor dit bestand
asset-file-name = Bestandsnaam
asset-summary = { $kind } · { $size } · toegevoegd op { $date }
asset-download = Downloaden
status-field = Status
asset-unavailable-option = Niet beschikbaar – kan niet worden gedownload of gedeeld
asset-name-saved = Naam opgeslagen
asset-status-saved = Status opgeslagen
asset-expiry-saved = Vervaldatum opgeslagen
asset-attributes-saved = Kenmerken opgeslagen
asset-type = Type
asset-size-exact = { $size } ({ $bytes } bytes)
asset-thumbnail = Miniatuur
derivative-state = { $state ->
    [pending] wordt gemaakt
    [ready] klaar
    [failed] mislukt
    [not_applicable] niet van toepassing
   *[other] { $state }
}
asset-details = Details
asset-expires-hint = Na deze datum kan het bestand niet meer worden gedownload of gedeeld.
asset-attribute-key = sleutel
asset-attribute-name = Naam van kenmerk
asset-attribute-value = waarde
asset-attribute-value-label = Waarde van kenmerk
asset-attribute-remove = Kenmerk weghalen
asset-attributes = Kenmerken
asset-no-attributes = Geen kenmerken.
asset-save-attributes = Kenmerken opslaan
asset-not-shared = Nog niet gedeeld.
share-expires-when = verloopt { $when }
share-expired-when = verlopen { $when }
share-uses-of = { $uses }/{ $max } keer gebruikt
asset-sharing = Gedeeld
asset-delete-hint = Het bestand en zijn voorbeelden definitief verwijderen.
asset-delete-message = Dit kan niet ongedaan worden gemaakt. Links waarin het staat, tonen het niet meer.
asset-deleted = Bestand verwijderd

## Shares: the list and one share's page
shares-deleted-user = verwijderde gebruiker
shares-owner = Eigenaar
shares-everyone = Iedereen
shares-admin-intro = Elke link in het systeem, wie hem ook heeft gemaakt.
shares-intro = Links die u hebt gemaakt. Selecteer bestanden of een collectie om een nieuwe te maken.
shares-new-from-assets = Nieuwe link van bestanden
shares-no-match = Geen links gevonden
shares-none = Nog geen links
shares-no-match-hint = Probeer een ander filter.
shares-none-hint = Selecteer bestanden en kies Delen om een link te maken.
copy-link-of = Link van { $title } kopiëren
share-disabled-toast = Link uitgeschakeld: hij meldt ‘uitgeschakeld’ tot hij weer wordt ingeschakeld
share-qr-more = QR en meer
count-of = { $count } van { $max }
count-left = nog { $count }
last-access = Laatste toegang
share-the-link = De link delen
qr-code-for = QR-code voor { $url }
share-guests = Gasten
share-settings = Instellingen
share-follows-collection-before = Deze link volgt de collectie{" "}
share-follows-collection-after = : voeg daar bestanden toe of haal ze weg.
share-collection-deleted = De collectie die deze link volgt, is verwijderd.
share-add-assets = Bestanden toevoegen
share-remove-asset = { $name } uit deze link halen
share-asset-removed = Uit de link gehaald
asset = Bestand
share-no-assets = Geen bestanden in deze link
share-no-assets-hint = Ontvangers zien een lege pagina.
share-in-the-link = in de link
nothing-found = Niets gevonden
share-assets-added-skipped = { $count ->
    [one] { $count } bestand toegevoegd, { $skipped } overgeslagen (niet beschikbaar of verlopen)
   *[other] { $count } bestanden toegevoegd, { $skipped } overgeslagen (niet beschikbaar of verlopen)
}
share-assets-added = { $count ->
    [one] { $count } bestand toegevoegd
   *[other] { $count } bestanden toegevoegd
}
share-add-assets-title = Bestanden aan de link toevoegen
guests-their-link-expires = Hun link verloopt
guests-with-the-link = Met de link
guests-after = Na { $duration }
guests-invite-title = Gasten uitnodigen
guests-need-someone = Voeg een e-mailadres of een teamlid toe.
guests-invited = { $count ->
    [one] { $count } gast uitgenodigd
   *[other] { $count } gasten uitgenodigd
}
guests-who = E-mailadressen of teamleden
guests-who-hint = Elke gast krijgt per e-mail een persoonlijke link, die apart wordt geteld.
guests-invite = Uitnodigen
guests-none = Nog geen gasten
guests-none-hint = Iedereen met de link kan hem openen. Nodig gasten uit om elk een persoonlijke, gevolgde link te geven.
guest = Gast
guests-link-expires = Link verloopt
guests-copy-personal-link = Persoonlijke link kopiëren
guests-remove = Gast weghalen
guests-remove-title = { $name } weghalen?
guests-remove-message = Hun persoonlijke link werkt meteen niet meer.
guests-removed = Gast weggehaald
share-event = { $type ->
    [visit] Bezoek
    [unlock_failed] Onjuist wachtwoord
    [preview] Voorbeeld
    [download] Download
    [bundle] Alles downloaden
   *[other] { $type }
}
activity-none = Nog geen activiteit
activity-none-hint = Bezoeken, voorbeelden en downloads verschijnen hier zodra ze gebeuren.
activity-all-files = Alle bestanden (zip)
activity-event-type = Soort gebeurtenis
n-events = { $count ->
    [one] { $count } gebeurtenis
   *[other] { $count } gebeurtenissen
}
activity-event = Gebeurtenis
activity-variant = Variant
activity-bytes = Bytes
activity-by = Door
activity-browser = Browser
settings-new-password = Typ een nieuw wachtwoord om het te wijzigen
no-password = Geen wachtwoord
settings-password-set = Er is een wachtwoord ingesteld.
settings-no-password = Iedereen met de link kan hem openen.
settings-password-removed-on-save = Het wachtwoord wordt verwijderd wanneer u opslaat.
settings-remove-password = Wachtwoord verwijderen
save-changes = Wijzigingen opslaan
settings-saved = Instellingen opgeslagen
settings-title = Linkinstellingen
max-uses = Maximaal aantal keer gebruiken
settings-uses-so-far = { $count ->
    [one] Tot nu toe { $count } keer gebruikt. Een nieuwe limiet behoudt die telling.
   *[other] Tot nu toe { $count } keer gebruikt. Een nieuwe limiet behoudt die telling.
}
danger-zone = Gevarenzone
settings-disable-link = De link uitschakelen
settings-enable-link = De link inschakelen
settings-disable-hint = Ontvangers zien ‘uitgeschakeld’ tot u hem weer inschakelt. Er gaat niets verloren.
settings-enable-hint = De link werkt weer tot hij verloopt.
settings-delete-link = De link verwijderen
settings-delete-hint = De link en de links van zijn gasten werken voorgoed niet meer. De bestanden blijven.
settings-delete-message = Tot nu toe { $visits ->
    [one] { $visits } bezoek
   *[other] { $visits } bezoeken
} en { $downloads ->
    [one] { $downloads } download
   *[other] { $downloads } downloads
}. Iedereen met de link of een persoonlijke link verliest de toegang. Dit kan niet ongedaan worden gemaakt.
settings-delete-confirm = Link verwijderen
link-deleted = Link verwijderd
settings-summary = Overzicht
watermark = Watermerk

## The share dialog and the link-ready panel
dialog-file-as-collection = Ze opbergen in een nieuwe collectie die de link volgt
dialog-collection-default-name = Nieuwe collectie van { $date }
dialog-attribute-history = Kenmerkgeschiedenis (CSV)
dialog-contact-sheet = Contactblad (PDF)
duration-days = { $count ->
    [one] { $count } dag
   *[other] { $count } dagen
}
duration-weeks = { $count ->
    [one] { $count } week
   *[other] { $count } weken
}
duration-years = { $count ->
    [one] { $count } jaar
   *[other] { $count } jaar
}
share-default-title = Link van { $date }, { $time }
dialog-expiry-date = Vervaldatum
dialog-date = Datum…
dialog-keep = Behouden
dialog-now-expires = Verloopt nu op { $date }.
dialog-at-most = Hoogstens { $duration } vanaf nu.
dialog-expires-after = Verloopt na
dialog-pick-date = Kies een vervaldatum.
dialog-may-download = Ontvangers mogen downloaden
originals = Originelen
previews = Voorbeelden
thumbnails = Miniaturen
dialog-preset = Voorinstelling ‘{ $name }’
dialog-attributes-csv = Kenmerken (CSV)
dialog-variants-hint = Alleen de varianten die voor elk bestand bestaan, worden aangeboden.
dialog-attributes-shown = Kenmerken op de pagina
shown-attribute = { $key ->
    [name] Naam
    [type] Type
    [size] Grootte
    [dimensions] Afmetingen
    [duration] Duur
   *[other] { $key }
}
dialog-watermark = Watermerk op voorbeelden
dialog-notify = Mij e-mailen wanneer een link voor het eerst is
dialog-notify-opened = geopend
dialog-notify-downloaded = gedownload
dialog-notify-hint = Eén keer per link: de eigen link van elke ontvanger en die van de gedeelde link.
dialog-remind = Ontvangers die nog niets hebben gedownload herinneren voordat hun link afloopt
dialog-show-password = Wachtwoord tonen
dialog-generate = Genereren
dialog-recipients-placeholder = Naam of e-mail, dan Enter
dialog-add-recipients = Ontvangers toevoegen
dialog-not-an-email = Geen e-mailadres
left-out-reason = { $why ->
    [unavailable] gemarkeerd als niet beschikbaar
    [expired] verlopen
    [not_found] verwijderd
    [not_visible] niet door u te delen
   *[other] { $why }
}
dialog-description-placeholder = Optioneel: getoond aan ontvangers onder de titel
create-link = Link maken
dialog-sharing-collection = { $count ->
    [one] U deelt de collectie ‘{ $name }’ ({ $count } bestand)
   *[other] U deelt de collectie ‘{ $name }’ ({ $count } bestanden)
}
dialog-sharing-search = { $count ->
    [one] U deelt de opgeslagen zoekopdracht ‘{ $name }’ (nu { $count } bestand, meer zodra ze overeenkomen)
   *[other] U deelt de opgeslagen zoekopdracht ‘{ $name }’ (nu { $count } bestanden, meer zodra ze overeenkomen)
}
dialog-sharing-assets = { $count ->
    [one] U deelt { $count } bestand
   *[other] U deelt { $count } bestanden
}
dialog-password-hint = Ontvangers typen het voordat ze iets zien.
dialog-max-uses-hint = Elk bezoek telt als één keer gebruiken.
dialog-blocked = { $count ->
    [one] { $count } bestand kan niet worden gedeeld en wordt overgeslagen:
   *[other] { $count } bestanden kunnen niet worden gedeeld en worden overgeslagen:
}
dialog-send-to = Sturen naar (optioneel)
dialog-send-to-hint = Elke ontvanger krijgt per e-mail een persoonlijke link, zodat u ziet wie wat heeft geopend.
dialog-title-needed = Een link heeft een titel nodig.
dialog-not-made = De link kon niet worden gemaakt: { $reason }
embed-code = Insluitcode
embed-hint = Plak in een webpagina of nieuwsbrief. Browsers openen de link in een nieuw tabblad.
embed-copy = Code kopiëren
optional-message = Optioneel bericht
email-link-to = De link e-mailen naar
email-link-need-address = Voeg ten minste één e-mailadres toe.
email-link-sent = Verzonden naar { $to }.
send = Versturen
ready-password = Beveiligd met een wachtwoord. Stuur het apart.
copy-password = Wachtwoord kopiëren
email-link = Link e-mailen
download-qr = QR downloaden
ready-title = Link klaar
ready-expires = Verloopt op { $date }
ready-view-only = alleen bekijken
ready-left-out = { $count ->
    [one] { $count } bestand overgeslagen:
   *[other] { $count } bestanden overgeslagen:
}
ready-personal-links = { $count ->
    [one] Persoonlijke links voor { $count } ontvanger
   *[other] Persoonlijke links voor { $count } ontvangers
}
ready-go-to-share = Naar de pagina van de link

## Upload requests
request-files = Bestanden opvragen
requests-intro = Links waarmee mensen buiten het team u bestanden sturen. Wat ze sturen, komt bij uw bestanden terecht.
requests-none = Nog geen verzoeken
requests-none-hint = Vraag een klant met een link om beeldmateriaal of ondertekende documenten: aan hun kant is geen account nodig.
request = Verzoek
request-disabled-toast = Link uitgeschakeld: hij neemt geen bestanden aan tot hij weer wordt ingeschakeld
request-delete-title = Dit verzoek verwijderen?
request-delete-message = De link werkt niet meer. De ontvangen bestanden blijven bij uw bestanden.
request-deleted = Verzoek verwijderd
request-on-the-way = { $count } onderweg
request-of-the-limit = ontvangen van de limiet
request-of-size = van { $size }
request-types = Typen
request-any-type = Alle
request-lands-before = Bestanden komen terecht in de collectie{" "}
request-lands-link = van dit verzoek
request-lands-after = . Niemand anders ziet ze tot u ze deelt.
request-from = Van
request-received = Ontvangen
request-not-given = Niet opgegeven
request-no-files = Nog geen bestanden
request-no-files-hint = Stuur de link naar wie de bestanden heeft.
request-asked-by-email = Per e-mail gevraagd
request-email-state = E-mailstatus
request-what = Wat
request-event = { $type ->
    [upload] Upload
    [deleted] Weggehaald door afzender
    [unlock_failed] Onjuist wachtwoord
   *[other] { $type }
}
request-activity-none = Uploads verschijnen hier zodra ze gebeuren.
request-title-example = bijv. Ruw materiaal van de opnames
request-description-placeholder = Wat u nodig hebt, voor wie de link opent
no-limit-field = Geen limiet
request-types-placeholder = Alle, of bijv. image/*, video/*, .pdf
request-link = Verzoeklink
request-lands-in = Bestanden die via de link worden gestuurd, komen terecht in ‘{ $name }’.
request-lands-in-new = Bestanden die via de link worden gestuurd, komen terecht in een nieuwe collectie met de naam van het verzoek.
request-most-files = Maximaal aantal bestanden
request-most-mb = Maximaal aantal megabytes in totaal
request-allowed-types = Toegestane typen
request-allowed-types-hint = Gecontroleerd op de inhoud van elk bestand, niet alleen op de naam.
request-ask-by-email = Per e-mail vragen
request-ask-by-email-hint = Elk adres krijgt een eigen link.

## Saved searches
search-in-collection = in een collectie
search-has = heeft { $key }
search-all-assets = Alle bestanden
search-saved = Zoekopdracht opgeslagen
search-save = Zoekopdracht opslaan
search-save-hint = Deel hem later: de link volgt de zoekopdracht terwijl bestanden komen en gaan.
searches-intro = Deel een zoekopdracht en de link toont bij elk bezoek wat die vindt.
searches-none = Nog geen opgeslagen zoekopdrachten
searches-none-hint = Doorzoek de bestanden en kies dan ‘Zoekopdracht opslaan’.
search-described = { $what } · opgeslagen op { $date }
delete-search = { $name } verwijderen
search-delete-message = Links die ervan zijn gemaakt, tonen niets meer.

## The account: two-factor sign-in
totp-title = Aanmelden in twee stappen
totp-sso = U meldt zich aan via de single sign-on van uw organisatie; de eigen tweestapsverificatie daarvan geldt.
totp-on = Aan: bij het aanmelden wordt om een code uit uw authenticator-app gevraagd.
totp-turned-off = Aanmelden in twee stappen staat uit.
totp-code-or-recovery = Code of herstelcode
totp-turn-off = Uitzetten
totp-off = Uit. Voeg een code uit een authenticator-app toe aan uw aanmelding.
totp-set-up = Aanmelden in twee stappen instellen
totp-qr = QR-code voor uw authenticator-app
totp-scan = Scan dit met uw authenticator-app (of voer de sleutel in) en typ dan de code die de app toont.
totp-key = Sleutel:{" "}
totp-code-from-app = Code uit de app
totp-turn-on = Aanzetten
totp-recovery-codes = Aanmelden in twee stappen staat aan. Bewaar deze herstelcodes op een veilige plek: met elke code meldt u zich één keer aan zonder uw telefoon. Ze worden alleen nu getoond.
totp-required = Deze server vraagt voor elk account een code uit een authenticator-app. Stel die in en meld u daarna opnieuw aan met een code.
totp-sign-in-again = Aanmelden in twee stappen staat aan. Meld u aan met een code.

## Admin: users and the sharing policy
users-intro = Mensen die zich aanmelden om te uploaden en te delen. Ontvangers hebben geen account nodig.
users-new = Nieuwe gebruiker
users-role-of = Rol van { $email }
users-role-changed = { $email } is nu { $role }
users-links = Links
users-you = u
user = Gebruiker
users-role = Rol
role-described = { $role ->
    [viewer] Kijker – ziet bestanden en links
    [editor] Redacteur – uploadt en deelt
   *[admin] Beheerder – alles, alle links, gebruikers
}
users-display-name = Weergavenaam
users-first-password = Eerste wachtwoord
users-new-password = Nieuw
users-first-password-hint = Gekopieerd wanneer u de gebruiker aanmaakt: geef het veilig door.
users-create = Gebruiker aanmaken
users-transfer-nobody = Niemand – hun links werken niet meer
users-deleted = { $email } verwijderd
users-delete-title = { $email } verwijderen?
users-delete-message = Deze persoon kan zich niet meer aanmelden. Hun links blijven alleen werken als u ze eerst aan iemand anders geeft.
users-transfer = Hun links geven aan
users-delete = Gebruiker verwijderen
policy-allowed = Toegestaan
policy-not-allowed = Niet toegestaan
policy-intro = Ingesteld in het configuratiebestand ([sharing]). Nieuwe links volgen het; bestaande links houden de opties waarmee ze zijn gemaakt.
policy-expiry = Vervaldatum
policy-durations = Aangeboden looptijden
policy-default = Standaard
policy-longest = Langst toegestaan
policy-features = Functies
policy-passwords = Wachtwoorden
policy-view-only = Links om alleen te bekijken
policy-use-limits = Gebruikslimieten
policy-watermarks = Watermerken
policy-defaults = Standaardwaarden van een nieuwe link
policy-email-first-visit = E-mail bij eerste bezoek
policy-email-first-download = E-mail bij eerste download
policy-attributes-shown = Getoonde kenmerken
policy-presets = Voorinstellingen
policy-no-presets = Geen voorinstellingen: voeg secties [presets.NAME] toe aan de configuratie.

## Admin: webhooks
webhooks-intro = Gebeurtenissen die als ondertekende JSON (header Handoff-Signature) per POST naar andere systemen gaan; een mislukte bezorging wordt opnieuw geprobeerd, met telkens langer wachten (8 pogingen).
webhooks-new = Nieuwe webhook
webhooks-deliveries = Bezorgingen
webhooks-send-test = Testgebeurtenis sturen
webhooks-url = URL
webhooks-events = Gebeurtenissen
webhooks-enabled = Ingeschakeld
webhooks-none = Nog geen webhooks.
webhooks-deliveries-to = Bezorgingen naar { $url }
webhooks-refresh = Vernieuwen
webhooks-made = Gemaakt
webhooks-tries = Pogingen
webhooks-last-answer = Laatste antwoord
delivery-status = { $status ->
    [pending] Wacht op een nieuwe poging
    [delivered] Bezorgd
    [failed] Mislukt
   *[other] { $status }
}
webhooks-nothing-sent = Nog niets verzonden.
webhooks-test-queued = Testgebeurtenis in de wachtrij
webhooks-delete-title = Deze webhook verwijderen?
webhooks-delete-message = Er gaan geen gebeurtenissen meer naar { $url }.
webhooks-secret = Ondertekeningsgeheim
webhooks-create = Webhook aanmaken
webhooks-secret-hint = Het ondertekeningsgeheim wordt gekopieerd wanneer u de webhook aanmaakt; het wordt niet opnieuw getoond.

## The upload panel
upload = Uploaden
upload-overall-progress = Totale voortgang van de upload
upload-uploading = Bezig met uploaden
upload-close = Uploads sluiten
upload-panel = Uploads
upload-overall = Totaal
upload-uploading-files = { $count ->
    [one] { $count } bestand uploaden…
   *[other] { $count } bestanden uploaden…
}
upload-some-failed = { $done } geüpload, { $failed } mislukt
upload-uploaded = { $count ->
    [one] { $count } bestand geüpload
   *[other] { $count } bestanden geüpload
}
upload-progress-of = Voortgang van { $name }
upload-waiting = Wachten
upload-pause = Pauzeren
upload-paused = Gepauzeerd
upload-resume = Hervatten
upload-resuming = Hervatten…
upload-seconds-left = nog { $count } s
upload-minutes-left = nog { $count } min
upload-rate = { $size }/s
upload-retrying = Verbinding verbroken: opnieuw proberen…
upload-no-asset = de server noemde geen bestand
upload-failed = Mislukt
upload-drop = Zet bestanden neer om te uploaden
# ---- end of the team app screens ----

## The share dialog
share-language = Taal van de e-mails aan ontvangers
share-language-hint = De pagina's van ontvangers volgen de taal van hun eigen browser.

## Domains: the switcher, the admin page and the asset's domain panel
nav-domains = Domeinen
domain = Domein
domain-all = Al mijn domeinen
domain-moved = Verplaatst naar { $name }
domains-intro = Elk bestand hoort bij één domein; leden zien en delen de bestanden van hun domeinen. Beheerders zien alles.
domain-new = Nieuw domein
domain-rename = Naam van domein wijzigen
domain-members = Leden
domain-move-hint = Verplaats een bestand vanaf de pagina ervan (paneel Domein), of meerdere tegelijk vanuit de selectie in de bestandenlijst.
domain-member-of = { $email } in { $domain }
domain-member-count = { $email }: { $count ->
    [one] { $count } domein
   *[other] { $count } domeinen
}
n-members = { $count ->
    [one] { $count } lid
   *[other] { $count } leden
}
domain-delete-hint = Alleen een leeg domein kan worden verwijderd: verplaats eerst de bestanden en geef de leden een ander domein.
domain-move-selection = Naar domein verplaatsen
domain-move-title = { $count ->
    [one] { $count } bestand naar een domein verplaatsen
   *[other] { $count } bestanden naar een domein verplaatsen
}
domain-move = Verplaatsen
domain-moved-assets = { $count ->
    [one] { $count } bestand verplaatst naar { $name }
   *[other] { $count } bestanden verplaatst naar { $name }
}
