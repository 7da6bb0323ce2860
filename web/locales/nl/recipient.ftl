# De kant van de ontvanger: de pagina's van een link en de e-mails aan ontvangers.

## Page shell
skip-to-content = Naar de inhoud
language = Taal

## 404
not-found-title = Link niet gevonden
not-found-body = Op dit adres is niets gedeeld. De link is misschien verkeerd getypt of afgekapt – controleer of u hem helemaal hebt gekopieerd.
not-found-hint = Werkt het nog steeds niet, vraag dan de persoon die hem stuurde om een nieuwe link.

## 410
gone-expired = Deze link is verlopen
gone-recipient-expired = Uw link is verlopen
gone-disabled = Deze link is uitgeschakeld
gone-used-up = Deze link is opgebruikt
gone-creator-deleted = Deze link werkt niet meer
gone-recipient-removed = Uw toegang is ingetrokken
gone-asset-unavailable = Dit bestand is niet meer beschikbaar
gone-why-expired = Gedeelde bestanden zijn maar een beperkte tijd beschikbaar, en die tijd is voorbij.
gone-why-disabled = De persoon die hem deelde heeft de link voorlopig uitgezet.
gone-why-used-up = Hij kon maar een beperkt aantal keren worden geopend, en die zijn allemaal gebruikt.
gone-why-creator-deleted = De persoon die hem deelde heeft hier geen account meer.
gone-why-recipient-removed = De persoon die hem deelde heeft uw toegang ingetrokken.
gone-why-asset-unavailable = Het bestand is ingetrokken of verlopen.
gone-ask = Vraag de persoon die hem met u deelde om een nieuwe link.
gone-ask-named = Vraag { $who }, die hem deelde, om een nieuwe link.

## Password
unlock-title = Beveiligde link
unlock-heading = Deze link is beveiligd
unlock-intro = Voer het wachtwoord in dat u hebt gekregen om de bestanden te zien.
unlock-wrong = Verkeerd wachtwoord. Probeer het opnieuw.
unlock-password = Wachtwoord
unlock-open = Openen
unlock-no-password = Geen wachtwoord? Vraag het aan de persoon die de link deelde.

## 429
slow-title = Te veel pogingen
slow-body = Het wachtwoord is te vaak verkeerd ingevoerd. Probeer het voor uw veiligheid over { $wait } opnieuw.
slow-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } seconden
}
slow-minutes = { $count ->
    [one] { $count } minuut
   *[other] { $count } minuten
}
slow-lost = Bent u het wachtwoord kwijt, vraag het dan aan de persoon die de link deelde.

## Landing page
landing-summary = { $count ->
    [one] { $count } bestand
   *[other] { $count } bestanden
} · { $size }
landing-available-until = Beschikbaar tot { $date }
landing-uses-left = { $count ->
    [one] nog { $count } bezoek
   *[other] nog { $count } bezoeken
}
landing-view-only = Alleen bekijken
landing-download-all = Alles downloaden
landing-download-all-files = Alle bestanden downloaden
landing-views = Weergave
landing-grid-view = Rasterweergave
landing-grid = Raster
landing-list-view = Lijstweergave
landing-list = Lijst
landing-empty = Er staan op dit moment geen bestanden in deze link.
landing-empty-ask = Vraag het de persoon die hem deelde.
landing-name = Naam
landing-files = Bestanden
landing-play = { $name } afspelen
landing-open = { $name } bekijken
landing-download = Downloaden
landing-download-one = { $name } downloaden
landing-footer = Gedeeld via { $brand } · beschikbaar tot { $date }

## What a file is
kind-image = Afbeelding
kind-video = Video
kind-audio = Audio
kind-document = Document
kind-other = Bestand

## Attribute columns
column-type = Type
column-size = Grootte
column-dimensions = Afmetingen
column-duration = Duur

## Downloads
variant-original = Origineel
variant-preview = Voorbeeld
variant-thumbnail = Miniatuur
variant-preset = Voorinstelling ‘{ $name }’
variant-page = Pagina { $page }
variant-proxy = Afspeelbare kopie
variant-attachment = Bijlage
attachment-named = Bijlage ‘{ $name }’
contact-sheet = Contactblad (PDF)
sheet-footer = Pagina { $page } van { $pages } - { $count ->
    [one] { $count } bestand
   *[other] { $count } bestanden
}
download-everything = Alles
download-all-files = Alle bestanden
download-only = Alleen { $variant }
download-csv-only = Alleen kenmerken (CSV)

## The lightbox
lightbox-close = Sluiten
lightbox-previous = Vorige
lightbox-next = Volgende
lightbox-previous-page = Vorige pagina
lightbox-next-page = Volgende pagina
lightbox-page = Pagina { $page } / { $total }

## Formats
date-time = { $day } { $month ->
    [1] jan
    [2] feb
    [3] mrt
    [4] apr
    [5] mei
    [6] jun
    [7] jul
    [8] aug
    [9] sep
    [10] okt
    [11] nov
   *[12] dec
} { $year } { $time } UTC
size = { $value } { $unit ->
    [b] B
    [kb] kB
    [mb] MB
    [gb] GB
   *[tb] TB
}

## Emails to recipients
email-shared-subject = { $sharer } heeft ‘{ $title }’ met u gedeeld
email-shared-intro = { $sharer } heeft ‘{ $title }’ met u gedeeld.
email-message = Bericht:
email-summary = { $count ->
    [one] { $count } bestand
   *[other] { $count } bestanden
} · beschikbaar tot { $date }
email-open = Gedeelde bestanden openen
email-open-text = Openen: { $link }
email-reminder-subject = Herinnering: ‘{ $title }’ is beschikbaar tot { $date }
email-reminder-body = { $sharer } heeft ‘{ $title }’ met u gedeeld; u hebt het nog niet gedownload. Uw link werkt tot { $date }.

## Upload request page (/u/…); request.js fills in {name}, {status} and {received}
request-asked-by = Gevraagd door { $name }
request-open-until = Open tot { $date }
request-limit-files = { $count ->
    [one] Tot { $count } bestand
   *[other] Tot { $count } bestanden
}
request-limit-size = tot { $size } in totaal
request-limit-types = alleen { $types }
request-your-name = Uw naam
request-your-email = Uw e-mailadres
request-optional = (optioneel)
request-drop = Sleep bestanden hierheen
request-drop-or = of
request-choose = Bestanden kiezen
request-your-files = Uw bestanden
request-nothing-sent = Nog niets verzonden. Bestanden die u verzendt verschijnen hier; u kunt ze verwijderen zolang de link open is. Niemand anders met deze link ziet ze.
request-needs-script = Voor het verzenden van bestanden is JavaScript nodig.
request-waiting = Wachten
request-sent = Verzonden
request-remove = Verwijderen
request-progress = Voortgang van { $name }
request-failed = Mislukt ({ $status })
request-count = { $max ->
    [one] { $received } van { $max } bestand
   *[other] { $received } van { $max } bestanden
}

## Emails to those asked for files (an upload request)
email-request-subject = { $asker } vraagt u om bestanden: ‘{ $title }’
email-request-intro = { $asker } vraagt u bestanden te sturen voor ‘{ $title }’.
email-request-open-until = Open tot { $date }
email-request-send = Uw bestanden sturen
email-request-send-text = Uw bestanden sturen: { $link }
