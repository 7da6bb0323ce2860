# The team app (web/js). Keep the ids the same in every language; a unit test compares them.

## Sign-in
sign-in = Sign in
sign-in-tagline = Share files with time-limited links.
sign-in-email = Email
sign-in-password = Password
sign-in-wrong = Wrong email or password.
session-ended = Your session ended. Sign in again.
sign-out = Sign out

## The sidebar
nav-main = Main
nav-assets = Assets
nav-collections = Collections
nav-shares = Shares
nav-requests = Requests
nav-admin = Admin
nav-all-shares = All shares
nav-users = Users
nav-policy = Sharing policy
nav-webhooks = Webhooks
language = Language

## Errors
not-found = Not found
not-found-hint = It may have been deleted.
went-wrong = Something went wrong
back-to-assets = Back to assets

## The assets page
assets-search = Search by name or attribute
assets-search-label = Search assets
assets-kind = Kind
assets-all-kinds = All kinds
assets-collection = Collection
assets-all-collections = All collections
assets-view = View
assets-grid-view = Grid view
assets-list-view = List view
assets-select-visible = Select visible
assets-selection = Selection
assets-selected = { $count } selected
assets-share = Share
assets-add-to-collection = Add to collection
assets-remove-from-collection = Remove from collection
assets-delete = Delete
assets-clear-selection = Clear selection
assets-no-match = Nothing matches
assets-no-match-hint = Try another search or filter.
assets-empty-collection = This collection is empty
assets-empty-collection-hint = Add assets from the Assets page, or upload here.
assets-none = No assets yet
assets-none-hint = Drop files anywhere on this page, or pick them.
assets-none-yet = Nothing has been uploaded yet.
assets-choose-files = Choose files
assets-col-selected = Selected
assets-col-name = Name
assets-col-size = Size
assets-col-status = Status
assets-col-added = Added
assets-load-more = Load more

# ---- Team app screens (session 5) ----
## Words many screens share
cancel = Cancel
delete = Delete
save = Save
add = Add
create = Create
close = Close
done = Done
remove = Remove
share = Share
open = Open
copy = Copy
copy-link = Copy link
# A toast; $what is a thing named below, such as "Link" or "Password".
copied = { $what } copied
link = Link
password = Password
actions = Actions
name = Name
status = { $status ->
    [active] Active
    [disabled] Disabled
    [expired] Expired
    [used_up] Used up
    [creator_deleted] Creator deleted
    [removed] Removed
    [available] Available
    [unavailable] Unavailable
   *[other] { $status }
}
kinds = { $kind ->
    [image] Images
    [video] Videos
    [audio] Audio
    [document] Documents
   *[other] Other
}
kind = { $kind ->
    [image] Image
    [video] Video
    [audio] Audio
    [document] Document
    [other] Other
   *[file] File
}
role = { $role ->
    [viewer] Viewer
    [editor] Editor
    [admin] Admin
   *[other] { $role }
}
size = Size
size-value = { $value } { $unit ->
    [b] B
    [kb] KB
    [mb] MB
    [gb] GB
   *[tb] TB
}
title = Title
description = Description
message = Message
email = Email
expires = Expires
expired = Expired
created = Created
added = Added
never = Never
yes = Yes
no = No
on = On
off = Off
enable = Enable
disable = Disable
no-limit = no limit
unlimited = Unlimited
optional = Optional
optional-email-message = Optional message in the email
when = When
address = Address
file = File
files = Files
activity = Activity
visits = Visits
downloads = Downloads
uses = Uses
access = Access
view-only = View only
preview-and-download = Preview and download
all = All
deleted-asset = Deleted asset
team-member = Team member
link-enabled = Link enabled
email-state = { $state ->
    [queued] Queued
    [sent] Sent
    [failed] Failed
   *[other] { $state }
}
n-assets = { $count ->
    [one] { $count } asset
   *[other] { $count } assets
}
n-visits = { $count ->
    [one] { $count } visit
   *[other] { $count } visits
}
n-downloads = { $count ->
    [one] { $count } download
   *[other] { $count } downloads
}
n-uses = { $count ->
    [one] { $count } use
   *[other] { $count } uses
}
n-links = { $count ->
    [one] { $count } link
   *[other] { $count } links
}

## More of the shell and sign-in
nav-searches = Saved searches
nav-account = Account
sign-in-code = Code from your authenticator app (or a recovery code)
sign-in-code-wrong = Wrong or already used code.
sign-in-code-needed = Enter the code from your authenticator app.
rename = Rename
delete-named = Delete “{ $name }”?

## The assets page and collections
asset-select = Select { $name }
assets-delete-title = { $count ->
    [one] Delete { $count } asset?
   *[other] Delete { $count } assets?
}
assets-delete-message = The files are removed for good, and links that include them stop showing them.
assets-delete-failed = { $count } could not be deleted
assets-deleted = { $count ->
    [one] Deleted { $count } asset
   *[other] Deleted { $count } assets
}
collection-share = Share collection
collection-removed-assets = { $count ->
    [one] Removed { $count } asset from { $name }
   *[other] Removed { $count } assets from { $name }
}
collection-new-name = New collection name
collection-new-choice = New collection…
collection-name-needed = Give the collection a name.
collection-added-to = Added to { $name }
collection-add-title = { $count ->
    [one] Add { $count } asset to a collection
   *[other] Add { $count } assets to a collection
}
collection-rename = Rename collection
collection-delete-message = The assets stay; only the collection goes. Links that share this collection stop showing its assets.
collection-deleted = Collection deleted
collections-intro = Named sets of assets. Share a collection and the link follows it as it changes.
collection-new = New collection
collections-none = No collections yet
collections-none-hint = Group assets for a project or a client, then share the whole set.
collection-card = { $count ->
    [one] { $count } asset · created { $date }
   *[other] { $count } assets · created { $date }
}
collection-name-example = e.g. Spring campaign
collection-created = Collection created

## An asset's history and attachments
history = History
history-none = No changes yet.
history-unreadable = The history could not be read.
history-field = { $field ->
    [name] Name
    [status] Status
    [expiresAt] Expiry
   *[other] { $field }
}
remove-named = Remove { $name }
attachments = Attachments
attachments-none = No attachments.
attachments-attached = Attached
attachments-unreadable = The attachments could not be read.
attachments-attach = Attach
attachments-hint = Release forms, LUTs, sidecars: offered to recipients when a link allows.

## One asset
asset-preview-pending = The preview is being made…
asset-no-preview = No preview for this file
asset-file-name = File name
asset-summary = { $kind } · { $size } · added { $date }
asset-download = Download
status-field = Status
asset-unavailable-option = Unavailable — cannot be downloaded or shared
asset-name-saved = Name saved
asset-status-saved = Status saved
asset-expiry-saved = Expiry saved
asset-attributes-saved = Attributes saved
asset-type = Type
asset-size-exact = { $size } ({ $bytes } bytes)
asset-thumbnail = Thumbnail
derivative-state = { $state ->
    [pending] pending
    [ready] ready
    [failed] failed
    [not_applicable] not applicable
   *[other] { $state }
}
asset-details = Details
asset-expires-hint = After this date the asset can no longer be downloaded or shared.
asset-attribute-key = key
asset-attribute-name = Attribute name
asset-attribute-value = value
asset-attribute-value-label = Attribute value
asset-attribute-remove = Remove attribute
asset-attributes = Attributes
asset-no-attributes = No attributes.
asset-save-attributes = Save attributes
asset-not-shared = Not shared yet.
share-expires-when = expires { $when }
share-expired-when = expired { $when }
share-uses-of = { $uses }/{ $max } uses
asset-sharing = Sharing
asset-delete-hint = Delete the file and its previews for good.
asset-delete-message = This cannot be undone. Links that include it stop showing it.
asset-deleted = Asset deleted

## Shares: the list and one share's page
shares-deleted-user = deleted user
shares-owner = Owner
shares-everyone = Everyone
shares-admin-intro = Every link in the system, whoever made it.
shares-intro = Links you have made. Select assets or a collection to make a new one.
shares-new-from-assets = New link from assets
shares-no-match = No links match
shares-none = No links yet
shares-no-match-hint = Try another filter.
shares-none-hint = Select assets and choose Share to make a link.
copy-link-of = Copy link of { $title }
share-disabled-toast = Link disabled: it answers “disabled” until enabled again
share-qr-more = QR & more
count-of = { $count } of { $max }
count-left = { $count } left
last-access = Last access
share-the-link = Share the link
qr-code-for = QR code for { $url }
share-guests = Guests
share-settings = Settings
share-follows-collection-before = This link follows the collection{" "}
share-follows-collection-after = : add or remove assets there.
share-collection-deleted = The collection this link follows was deleted.
share-add-assets = Add assets
share-remove-asset = Remove { $name } from this link
share-asset-removed = Removed from the link
asset = Asset
share-no-assets = No assets in this link
share-no-assets-hint = Recipients see an empty page.
share-in-the-link = in the link
nothing-found = Nothing found
share-assets-added-skipped = { $count ->
    [one] { $count } asset added, { $skipped } left out (unavailable or expired)
   *[other] { $count } assets added, { $skipped } left out (unavailable or expired)
}
share-assets-added = { $count ->
    [one] { $count } asset added
   *[other] { $count } assets added
}
share-add-assets-title = Add assets to the link
guests-their-link-expires = Their link expires
guests-with-the-link = With the link
guests-after = After { $duration }
guests-invite-title = Invite guests
guests-need-someone = Add an email address or a team member.
guests-invited = { $count ->
    [one] Invited { $count } guest
   *[other] Invited { $count } guests
}
guests-who = Emails or team members
guests-who-hint = Each guest gets a personal link by email, counted separately.
guests-invite = Invite
guests-none = No guests yet
guests-none-hint = Anyone with the link can open it. Invite guests to give each a personal, tracked link.
guest = Guest
guests-link-expires = Link expires
guests-copy-personal-link = Copy personal link
guests-remove = Remove guest
guests-remove-title = Remove { $name }?
guests-remove-message = Their personal link stops working at once.
guests-removed = Guest removed
share-event = { $type ->
    [visit] Visit
    [unlock_failed] Wrong password
    [preview] Preview
    [download] Download
    [bundle] Download all
   *[other] { $type }
}
activity-none = No activity yet
activity-none-hint = Visits, previews and downloads show here as they happen.
activity-all-files = All files (zip)
activity-event-type = Event type
n-events = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
activity-event = Event
activity-variant = Variant
activity-bytes = Bytes
activity-by = By
activity-browser = Browser
settings-new-password = Type a new password to change it
no-password = No password
settings-password-set = A password is set.
settings-no-password = Anyone with the link can open it.
settings-password-removed-on-save = The password will be removed when you save.
settings-remove-password = Remove password
save-changes = Save changes
settings-saved = Settings saved
settings-title = Link settings
max-uses = Maximum uses
settings-uses-so-far = { $count ->
    [one] { $count } use so far. Changing the limit keeps that count.
   *[other] { $count } uses so far. Changing the limit keeps that count.
}
danger-zone = Danger zone
settings-disable-link = Disable the link
settings-enable-link = Enable the link
settings-disable-hint = Recipients see “disabled” until you enable it again. Nothing is lost.
settings-enable-hint = The link works again until it expires.
settings-delete-link = Delete the link
settings-delete-hint = The link and its guests’ links stop working for good. The assets stay.
settings-delete-message = { $visits ->
    [one] { $visits } visit
   *[other] { $visits } visits
} and { $downloads ->
    [one] { $downloads } download
   *[other] { $downloads } downloads
} so far. Everyone with the link or a personal link loses access. This cannot be undone.
settings-delete-confirm = Delete link
link-deleted = Link deleted
settings-summary = Summary
watermark = Watermark

## The share dialog and the link-ready panel
dialog-file-as-collection = File them as a new collection that the link follows
dialog-collection-default-name = New collection from { $date }
dialog-attribute-history = Attribute history (CSV)
dialog-contact-sheet = Contact sheet (PDF)
duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
duration-weeks = { $count ->
    [one] { $count } week
   *[other] { $count } weeks
}
duration-years = { $count ->
    [one] { $count } year
   *[other] { $count } years
}
share-default-title = Link from { $date }, { $time }
dialog-expiry-date = Expiry date
dialog-date = Date…
dialog-keep = Keep
dialog-now-expires = Now expires { $date }.
dialog-at-most = At most { $duration } from now.
dialog-expires-after = Expires after
dialog-pick-date = Pick an expiry date.
dialog-may-download = Recipients may download
originals = Originals
previews = Previews
thumbnails = Thumbnails
dialog-preset = Preset “{ $name }”
dialog-attributes-csv = Attributes (CSV)
dialog-variants-hint = Only the variants that exist for every asset are offered.
dialog-attributes-shown = Attributes shown on the page
shown-attribute = { $key ->
    [name] Name
    [type] Type
    [size] Size
    [dimensions] Dimensions
    [duration] Duration
   *[other] { $key }
}
dialog-watermark = Watermark previews
dialog-notify = Email me when a link is first
dialog-notify-opened = Opened
dialog-notify-downloaded = Downloaded from
dialog-notify-hint = Once per link: each recipient’s own, and the share’s.
dialog-remind = Remind recipients who have not downloaded before their link ends
dialog-show-password = Show password
dialog-generate = Generate
dialog-recipients-placeholder = Name or email, then Enter
dialog-add-recipients = Add recipients
dialog-not-an-email = Not an email address
left-out-reason = { $why ->
    [unavailable] marked unavailable
    [expired] expired
    [not_found] deleted
    [not_visible] not yours to share
   *[other] { $why }
}
dialog-description-placeholder = Optional: shown to recipients under the title
create-link = Create link
dialog-sharing-collection = { $count ->
    [one] Sharing the collection “{ $name }” ({ $count } asset)
   *[other] Sharing the collection “{ $name }” ({ $count } assets)
}
dialog-sharing-search = { $count ->
    [one] Sharing the saved search “{ $name }” ({ $count } asset now, more as they match)
   *[other] Sharing the saved search “{ $name }” ({ $count } assets now, more as they match)
}
dialog-sharing-assets = { $count ->
    [one] Sharing { $count } asset
   *[other] Sharing { $count } assets
}
dialog-password-hint = Recipients type it before they see anything.
dialog-max-uses-hint = Each visit counts one use.
dialog-blocked = { $count ->
    [one] { $count } asset cannot be shared and will be left out:
   *[other] { $count } assets cannot be shared and will be left out:
}
dialog-send-to = Send to (optional)
dialog-send-to-hint = Each recipient gets a personal link by email, so you can see who opened what.
dialog-title-needed = A link needs a title.
dialog-not-made = The link could not be made: { $reason }
embed-code = Embed code
embed-hint = Paste into a web page or a newsletter. Browsers open the link in a new tab.
embed-copy = Copy code
optional-message = Optional message
email-link-to = Email the link to
email-link-need-address = Add at least one email address.
email-link-sent = Sent to { $to }.
send = Send
ready-password = Protected by a password. Send it separately.
copy-password = Copy password
email-link = Email link
download-qr = Download QR
ready-title = Link ready
ready-expires = Expires { $date }
ready-view-only = view only
ready-left-out = { $count ->
    [one] { $count } asset left out:
   *[other] { $count } assets left out:
}
ready-personal-links = { $count ->
    [one] Personal links for { $count } recipient
   *[other] Personal links for { $count } recipients
}
ready-go-to-share = Go to share page

## Upload requests
request-files = Request files
requests-intro = Links through which people outside the team send you files. What they send lands in your assets.
requests-none = No requests yet
requests-none-hint = Ask a client for their footage or signed documents with a link: no account needed on their side.
request = Request
request-disabled-toast = Link disabled: it takes no files until enabled again
request-delete-title = Delete this request?
request-delete-message = Its link stops working. The files it received stay in your assets.
request-deleted = Request deleted
request-on-the-way = { $count } on the way
request-of-the-limit = received of the limit
request-of-size = of { $size }
request-types = Types
request-any-type = Any
request-lands-before = Files land in the collection{" "}
request-lands-link = of this request
request-lands-after = . Nobody else sees them until you share them.
request-from = From
request-received = Received
request-not-given = Not given
request-no-files = No files yet
request-no-files-hint = Send the link to whoever has the files.
request-asked-by-email = Asked by email
request-email-state = Email state
request-what = What
request-event = { $type ->
    [upload] Upload
    [deleted] Removed by sender
    [unlock_failed] Wrong password
   *[other] { $type }
}
request-activity-none = Uploads show here as they happen.
request-title-example = e.g. Raw footage from the shoot
request-description-placeholder = What you need, for whoever opens the link
no-limit-field = No limit
request-types-placeholder = Any, or e.g. image/*, video/*, .pdf
request-link = Request link
request-lands-in = Files sent through the link land in “{ $name }”.
request-lands-in-new = Files sent through the link land in a new collection named after the request.
request-most-files = Most files
request-most-mb = Most megabytes in all
request-allowed-types = Allowed types
request-allowed-types-hint = Checked on each file’s content, not only its name.
request-ask-by-email = Ask by email
request-ask-by-email-hint = Each address gets its own link.

## Saved searches
search-in-collection = in a collection
search-has = has { $key }
search-all-assets = All assets
search-saved = Search saved
search-save = Save search
search-save-hint = Share it later: the link follows the search as assets come and go.
searches-intro = Share a search and the link shows what it finds at each visit.
searches-none = No saved searches yet
searches-none-hint = Search the assets, then choose “Save search”.
search-described = { $what } · saved { $date }
delete-search = Delete { $name }
search-delete-message = Links made from it stop showing anything.

## The account: two-factor sign-in
totp-title = Two-factor sign-in
totp-sso = You sign in through your organisation's single sign-on; its own two-factor applies.
totp-on = On: signing in asks for a code from your authenticator app.
totp-turned-off = Two-factor sign-in is off.
totp-code-or-recovery = Code or recovery code
totp-turn-off = Turn off
totp-off = Off. Add a code from an authenticator app to your sign-in.
totp-set-up = Set up two-factor sign-in
totp-qr = QR code for your authenticator app
totp-scan = Scan this with your authenticator app (or enter the key), then type the code it shows.
totp-key = Key:{" "}
totp-code-from-app = Code from the app
totp-turn-on = Turn on
totp-recovery-codes = Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs in once without your phone. They are shown only now.
totp-required = This server asks every account for a code from an authenticator app. Set it up, then sign in again with a code.
totp-sign-in-again = Two-factor sign-in is on. Sign in with a code.

## Admin: users and the sharing policy
users-intro = People who sign in to upload and share. Recipients need no account.
users-new = New user
users-role-of = Role of { $email }
users-role-changed = { $email } is now { $role }
users-links = Links
users-you = you
user = User
users-role = Role
role-described = { $role ->
    [viewer] Viewer — sees assets and links
    [editor] Editor — uploads and shares
   *[admin] Admin — everything, all links, users
}
users-display-name = Display name
users-first-password = First password
users-new-password = New
users-first-password-hint = Copied when you create the user: hand it over safely.
users-create = Create user
users-transfer-nobody = Nobody — their links stop working
users-deleted = { $email } deleted
users-delete-title = Delete { $email }?
users-delete-message = They can no longer sign in. Links they made keep working only if you give them to someone else first.
users-transfer = Give their links to
users-delete = Delete user
policy-allowed = Allowed
policy-not-allowed = Not allowed
policy-intro = Set in the configuration file ([sharing]). New links follow it; existing links keep the options they were made with.
policy-expiry = Expiry
policy-durations = Durations offered
policy-default = Default
policy-longest = Longest allowed
policy-features = Features
policy-passwords = Passwords
policy-view-only = View-only links
policy-use-limits = Use limits
policy-watermarks = Watermarks
policy-defaults = Defaults of a new link
policy-email-first-visit = Email on first visit
policy-email-first-download = Email on first download
policy-attributes-shown = Attributes shown
policy-presets = Presets
policy-no-presets = No presets: add [presets.NAME] sections to the configuration.

## Admin: webhooks
webhooks-intro = Events POSTed as signed JSON (header Handoff-Signature) to other systems; a failed delivery is tried again, waiting longer each time (8 tries).
webhooks-new = New webhook
webhooks-deliveries = Deliveries
webhooks-send-test = Send test event
webhooks-url = URL
webhooks-events = Events
webhooks-enabled = Enabled
webhooks-none = No webhooks yet.
webhooks-deliveries-to = Deliveries to { $url }
webhooks-refresh = Refresh
webhooks-made = Made
webhooks-tries = Tries
webhooks-last-answer = Last answer
delivery-status = { $status ->
    [pending] Waiting to be sent again
    [delivered] Delivered
    [failed] Failed
   *[other] { $status }
}
webhooks-nothing-sent = Nothing sent yet.
webhooks-test-queued = Test event queued
webhooks-delete-title = Delete this webhook?
webhooks-delete-message = No more events go to { $url }.
webhooks-secret = Signing secret
webhooks-create = Create webhook
webhooks-secret-hint = The signing secret is copied when you create it; it is not shown again.

## The upload panel
upload = Upload
upload-overall-progress = Overall upload progress
upload-uploading = Uploading
upload-close = Close uploads
upload-panel = Uploads
upload-overall = Overall
upload-uploading-files = { $count ->
    [one] Uploading { $count } file…
   *[other] Uploading { $count } files…
}
upload-some-failed = { $done } uploaded, { $failed } failed
upload-uploaded = { $count ->
    [one] { $count } file uploaded
   *[other] { $count } files uploaded
}
upload-progress-of = Progress of { $name }
upload-waiting = Waiting
upload-pause = Pause
upload-paused = Paused
upload-resume = Resume
upload-resuming = Resuming…
upload-seconds-left = { $count } s left
upload-minutes-left = { $count } min left
upload-rate = { $size }/s
upload-retrying = Connection lost: retrying…
upload-no-asset = the server named no asset
upload-failed = Failed
upload-drop = Drop files to upload
# ---- end of the team app screens ----

## The share dialog
share-language = Language of the emails to recipients
share-language-hint = Recipients' pages follow their own browser's language.

## Domains: the switcher, the admin page and the asset's domain panel
nav-domains = Domains
domain = Domain
domain-all = All my domains
domain-moved = Moved to { $name }
domains-intro = Each asset belongs to one domain; members see and share the assets of their domains. Admins see all.
domain-new = New domain
domain-rename = Rename domain
domain-members = Members
domain-move-hint = Move an asset from its page (Domain panel), or several at once from the asset list's selection.
domain-member-of = { $email } in { $domain }
domain-member-count = { $email }: { $count ->
    [one] { $count } domain
   *[other] { $count } domains
}
n-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
domain-delete-hint = Only an empty domain can go: move its assets, and give its members another domain, first.
domain-move-selection = Move to domain
domain-move-title = { $count ->
    [one] Move { $count } asset to a domain
   *[other] Move { $count } assets to a domain
}
domain-move = Move
domain-moved-assets = { $count ->
    [one] { $count } asset moved to { $name }
   *[other] { $count } assets moved to { $name }
}
