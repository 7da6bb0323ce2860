# The API's errors as the team app and the upload-request page show them: one message per
# error code the server can send (`error-<code>`, checked against src/error.rs by a unit
# test), then a connection failure and any other code. $seconds comes from Retry-After.
error-bad_request = The server could not read this request.
error-unauthenticated = You are not signed in, or the password or code is wrong.
error-forbidden = You are not allowed to do this.
error-cross_site_request = Refused: another site made your browser send this. Use this server's own pages.
error-not_found = Not found. It may have been deleted.
error-method_not_allowed = This action is not possible here.
error-conflict = This clashes with what is already there: the name may be taken, or the item changed meanwhile.
error-precondition_failed = A condition of this request no longer holds. Reload the page and try again.
error-expired = This link has expired.
error-disabled = This link has been disabled by its owner.
error-used_up = This link has been used as many times as it allows.
error-creator_deleted = The person who shared this link no longer has an account.
error-recipient_removed = This access has been removed.
error-recipient_expired = This personal link has expired.
error-asset_unavailable = This file is no longer available.
error-too_large = This is larger than the server allows.
error-unsupported_media_type = This type of file or content is not accepted here.
error-range_not_satisfiable = The requested part of the file does not exist.
error-invalid = The server did not accept this: check what you entered.
error-too_many_attempts = Too many attempts. Try again in { $seconds } s.
error-checksum_mismatch = The data arrived damaged. Try again.
error-insufficient_storage = The server's storage is full.
error-internal = Something went wrong on the server.
error-unavailable = The server cannot reach its database or storage right now. Try again later.
error-totp_required = Enter the code from your authenticator app.
error-totp_invalid = Wrong or already used code.
error-password_login_disabled = Password sign-in is turned off here. Sign in with SSO.
error-totp_enrolment_required = Set up two-factor sign-in first, then sign in again.
error-busy = The server is busy. Try again in { $seconds } s.
error-network = The server cannot be reached. Check your connection.
error-other = Something went wrong (code { $code }).
