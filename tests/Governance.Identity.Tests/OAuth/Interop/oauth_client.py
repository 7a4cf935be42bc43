"""An independent OAuth 2.0 / OIDC client (Debian's python3-authlib 1.2) against identity.

Runs the authorization code flow with PKCE through the real sign-in page (posting its form as a
browser would), validates the ID token's signature with the JWKS, refreshes with rotation, gets a
client_credentials token, introspects the user's access token as a department's gateway, revokes
the refresh token and sees the refresh refused. Prints one JSON line with what it saw.

usage: oauth_client.py ISSUER WEB_CLIENT REDIRECT_URI USERNAME PASSWORD CC_CLIENT CC_SECRET
"""
import json
import os
import re
import sys
from html import unescape
from urllib.parse import urljoin

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the test issuer is http on loopback

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session, OAuthError
from authlib.jose import JsonWebKey, jwt

issuer, web_client, redirect_uri, username, password, cc_client, cc_secret = sys.argv[1:8]
meta = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10).json()
assert "S256" in meta["code_challenge_methods_supported"] and "plain" not in meta["code_challenge_methods_supported"], meta

# 1. Authorization code + PKCE, through the sign-in page.
web = OAuth2Session(web_client, redirect_uri=redirect_uri, scope="openid grid.read",
                    code_challenge_method="S256", token_endpoint_auth_method="none")
verifier = generate_token(48)
url, state = web.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier)
browser = requests.Session()
step = browser.get(url, allow_redirects=False, timeout=10)
assert step.status_code == 302, step.status_code
page = browser.get(urljoin(url, step.headers["Location"]), timeout=10)
hidden = {unescape(n): unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text)}
assert 'autocomplete="username"' in page.text and 'autocomplete="current-password"' in page.text
form = dict(hidden, username=username, password=password)
posted = browser.post(urljoin(url, "/connect/signin"), data=form, allow_redirects=False, timeout=10)
assert posted.status_code == 302, (posted.status_code, posted.text[:300])
back = browser.get(urljoin(url, posted.headers["Location"]), allow_redirects=False, timeout=10)
callback = back.headers["Location"]
assert callback.startswith(redirect_uri), callback
token = web.fetch_token(meta["token_endpoint"], authorization_response=callback, code_verifier=verifier, state=state)

# 2. The ID token's signature and claims, with the keys the JWKS publishes.
keys = JsonWebKey.import_key_set(requests.get(meta["jwks_uri"], timeout=10).json())
id_claims = jwt.decode(token["id_token"], keys, claims_options={
    "iss": {"essential": True, "value": meta["issuer"]}, "aud": {"essential": True, "value": web_client}})
id_claims.validate()

# 3. Refresh rotates the refresh token.
refreshed = web.refresh_token(meta["token_endpoint"], refresh_token=token["refresh_token"])
rotated = refreshed["refresh_token"] != token["refresh_token"]

# 4. A department's system: client credentials, then introspection of the user's token (RFC 7662).
system = OAuth2Session(cc_client, cc_secret, token_endpoint_auth_method="client_secret_basic")
cc = system.fetch_token(meta["token_endpoint"], grant_type="client_credentials")
introspected = system.introspect_token(meta["introspection_endpoint"], token=refreshed["access_token"]).json()

# 5. Revocation (RFC 7009) of the refresh token ends the sign-in: the next refresh is refused.
revoked = web.revoke_token(meta["revocation_endpoint"], token=refreshed["refresh_token"], token_type_hint="refresh_token").status_code
try:
    web.refresh_token(meta["token_endpoint"], refresh_token=refreshed["refresh_token"])
    after_revocation = "accepted"
except OAuthError as error:
    after_revocation = error.error

print(json.dumps({
    "id_token_sub": id_claims["sub"], "id_token_alg": id_claims.header["alg"],
    "scope": token.get("scope"), "rotated": rotated, "cc_scope": cc.get("scope"),
    "introspection_active": introspected.get("active"), "introspection_sub": introspected.get("sub"),
    "revocation_status": revoked, "after_revocation": after_revocation,
}))
