"""Loaded by schemathesis in tests/openapi.rs (SCHEMATHESIS_HOOKS): tus bodies are plain bytes,
and the fuzzer never changes or deletes its own account (HANDOFF_FUZZER_ID): a new password or
a deletion revokes its tokens, the run's only credential, and every later request would be a 401
that tests nothing. Its own account is still reached through /me."""
import os
import uuid

import schemathesis

schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")

FUZZER = os.environ.get("HANDOFF_FUZZER_ID", "")


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    own_account = case.path_parameters and case.path_parameters.get("id") == FUZZER
    if own_account and case.operation.path.startswith("/api/v1/users/"):
        case.path_parameters["id"] = str(uuid.uuid4())
