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

## The share dialog
share-language = Language of the emails to recipients
share-language-hint = Recipients' pages follow their own browser's language.
