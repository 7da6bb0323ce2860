# The recipient side: the link's pages and the emails recipients get.
# Keep the ids the same in every language; a unit test compares them with this file.

## Page shell
skip-to-content = Skip to content
language = Language

## 404
not-found-title = Link not found
not-found-body = There is no share at this address. The link may be mistyped or cut short — check that you copied all of it.
not-found-hint = If it still does not work, ask the person who sent it to you for a new link.

## 410: the heading, why, and whom to ask
gone-expired = This link has expired
gone-recipient-expired = Your link has expired
gone-disabled = This link is disabled
gone-used-up = This link has been used up
gone-creator-deleted = This link no longer works
gone-recipient-removed = Your access was removed
gone-asset-unavailable = This file is no longer available
gone-why-expired = Shared files are only available for a limited time, and that time is over.
gone-why-disabled = The person who shared it has turned the link off for now.
gone-why-used-up = It could be opened a limited number of times, and all of them have been used.
gone-why-creator-deleted = The person who shared it no longer has an account here.
gone-why-recipient-removed = The person who shared it has removed your access.
gone-why-asset-unavailable = The file has been withdrawn or has expired.
gone-ask = Ask the person who shared it with you for a new link.
gone-ask-named = Ask { $who }, who shared it, for a new link.

## Password
unlock-title = Protected link
unlock-heading = This link is protected
unlock-intro = Enter the password you were given to see the files.
unlock-wrong = Wrong password. Try again.
unlock-password = Password
unlock-open = Open
unlock-no-password = No password? Ask the person who shared the link.

## 429
slow-title = Too many attempts
slow-body = The password was typed wrong too many times. For your safety, try again in { $wait }.
slow-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
slow-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
slow-lost = If you have lost the password, ask the person who shared the link.

## Landing page
landing-summary = { $count ->
    [one] { $count } file
   *[other] { $count } files
} · { $size }
landing-available-until = Available until { $date }
landing-uses-left = { $count ->
    [one] { $count } visit left
   *[other] { $count } visits left
}
landing-view-only = View only
landing-download-all = Download all
landing-download-all-files = Download all files
landing-views = View
landing-grid-view = Grid view
landing-grid = Grid
landing-list-view = List view
landing-list = List
landing-empty = There are no files in this share right now.
landing-empty-ask = Ask the person who shared it.
landing-name = Name
landing-files = Files
landing-play = Play { $name }
landing-open = View { $name }
landing-download = Download
landing-download-one = Download { $name }
landing-footer = Shared with { $brand } · available until { $date }

## What a file is
kind-image = Image
kind-video = Video
kind-audio = Audio
kind-document = Document
kind-other = File

## Attribute columns
column-type = Type
column-size = Size
column-dimensions = Dimensions
column-duration = Duration

## Downloads
variant-original = Original
variant-preview = Preview
variant-thumbnail = Thumbnail
variant-preset = Preset “{ $name }”
variant-page = Page { $page }
variant-proxy = Playable copy
variant-attachment = Attachment
attachment-named = Attachment “{ $name }”
contact-sheet = Contact sheet (PDF)
# The footer of each page of the contact sheet PDF
sheet-footer = Page { $page } of { $pages } - { $count ->
    [one] { $count } file
   *[other] { $count } files
}
download-everything = Everything
download-all-files = All files
download-only = { $variant } only
download-csv-only = Attributes (CSV) only

## The lightbox (share.js reads these from the page; {page} and {total} are filled in there)
lightbox-close = Close
lightbox-previous = Previous
lightbox-next = Next
lightbox-previous-page = Previous page
lightbox-next-page = Next page
lightbox-page = Page { $page } / { $total }

## Formats: a date with its time (UTC), and a size ($value is already a localized number)
date-time = { $day } { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $year }, { $time } UTC
size = { $value } { $unit ->
    [b] B
    [kb] KB
    [mb] MB
    [gb] GB
   *[tb] TB
}

## Emails to recipients
email-shared-subject = { $sharer } shared “{ $title }” with you
email-shared-intro = { $sharer } shared “{ $title }” with you.
email-message = Message:
email-summary = { $count ->
    [one] { $count } file
   *[other] { $count } files
} · available until { $date }
email-open = Open the share
email-open-text = Open: { $link }
email-reminder-subject = Reminder: “{ $title }” is available until { $date }
email-reminder-body = { $sharer } shared “{ $title }” with you; you have not downloaded it yet. Your link works until { $date }.

## Upload request page (/u/…); request.js fills in {name}, {status} and {received}
request-asked-by = Asked by { $name }
request-open-until = Open until { $date }
request-limit-files = { $count ->
    [one] Up to { $count } file
   *[other] Up to { $count } files
}
request-limit-size = up to { $size } in all
request-limit-types = only { $types }
request-your-name = Your name
request-your-email = Your email
request-optional = (optional)
request-drop = Drop files here
request-drop-or = or
request-choose = Choose files
request-your-files = Your files
request-nothing-sent = Nothing sent yet. Files you send appear here; you can remove them while the link is open. Nobody else who has this link sees them.
request-needs-script = Sending files needs JavaScript.
request-waiting = Waiting
request-sent = Sent
request-remove = Remove
request-progress = Progress of { $name }
request-failed = Failed ({ $status })
request-count = { $max ->
    [one] { $received } of { $max } file
   *[other] { $received } of { $max } files
}

## Emails to those asked for files (an upload request)
email-request-subject = { $asker } asks you for files: “{ $title }”
email-request-intro = { $asker } asks you to send files for “{ $title }”.
email-request-open-until = Open until { $date }
email-request-send = Send your files
email-request-send-text = Send your files: { $link }
