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

## The share dialog
share-language = Language of the emails to recipients
share-language-hint = Recipients' pages follow their own browser's language.
