#!/usr/bin/env python3
# Writes dnspod_vector.json: one TC3-HMAC-SHA256 signature for a DNSPod
# CreateRecord request, computed with Python's hashlib/hmac only, independently
# of Dockmaster's C++ signer. Generated once and committed; regenerate with
#   python3 tests/data/dns_tc3/make_vector.py > tests/data/dns_tc3/dnspod_vector.json
# The credentials are made up; they grant nothing anywhere.
import hashlib
import hmac
import json
import time

secret_id = "AKIDDockmasterTestVector0000000000"
secret_key = "DockmasterTestSecretKey000000000"
service = "dnspod"
host = "dnspod.tencentcloudapi.com"
content_type = "application/json"
timestamp = 1764028800  # 2025-11-25T00:00:00Z: the date must come from UTC
payload = ('{"Domain":"plugins.example.com","RecordLine":"默认","RecordType":"A",'
           '"SubDomain":"app0000042.test","TTL":600,"Value":"192.0.2.10"}').encode("utf-8")


def sign(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
canonical = "\n".join([
    "POST", "/", "",
    "content-type:%s\nhost:%s\n" % (content_type, host),
    "content-type;host",
    hashlib.sha256(payload).hexdigest(),
])
scope = "%s/%s/tc3_request" % (date, service)
string_to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope,
                            hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
k = sign(("TC3" + secret_key).encode("utf-8"), date)
k = sign(k, service)
k = sign(k, "tc3_request")
signature = hmac.new(k, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()

print(json.dumps({
    "secretId": secret_id, "secretKey": secret_key, "service": service, "host": host,
    "contentType": content_type, "timestamp": timestamp, "payload": payload.decode("utf-8"),
    "date": date, "canonicalRequest": canonical, "stringToSign": string_to_sign,
    "signature": signature,
    "authorization": "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s"
                     % (secret_id, scope, signature),
}, ensure_ascii=False, indent=2))
