"""Uploads FILE to handoff with tuspy (with sha1 checksums), stops it part-way, resumes it at
the same URL, and prints {"url", "resumedFrom"} as JSON. Used by tests/tus_clients.rs.

python3 upload.py BASE TOKEN FILE NAME"""
import json
import os
import sys

from tusclient import client

base, token, path, name = sys.argv[1:5]
tus = client.TusClient(f"{base}/api/v1/uploads", headers={"Authorization": f"Bearer {token}"})
size = os.path.getsize(path)
options = dict(chunk_size=256 * 1024, metadata={"filename": name}, verify_tls_cert=False,
               upload_checksum=True)

first = tus.uploader(path, **options)
first.upload(stop_at=size // 2)

second = tus.uploader(path, url=first.url, **options)
resumed_from = second.offset
second.upload()
print(json.dumps({"url": second.url, "resumedFrom": resumed_from}))
