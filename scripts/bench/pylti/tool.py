"""A minimal LTI 1.3 tool on PyLTI1p3 2.0 + Flask, the comparison for `badged bench launch`.

It is set up as PyLTI1p3's own Flask example sets a tool up: FlaskOIDCLogin and
FlaskMessageLaunch over a Flask-Caching store (state, nonce and the platform's key set), one
platform from a ToolConfDict, and every check of MessageLaunch.validate() left on (state,
JWT format, nonce, registration, signature, deployment, message). Only the cookie-check page
of the login is not enabled, so that the login answers a plain 302 as badged's does.

With PYLTI_KEY_SET_CACHE=off in its environment, MessageLaunch is left without
set_public_key_caching(), PyLTI1p3's default: every launch then fetches the platform's key set.

It serves under gunicorn (one worker, threads) on 127.0.0.1 and prints
"pylti listening on http://127.0.0.1:<port> (<server>)" once it accepts connections.
"""

import argparse
import importlib.metadata
import os
import signal
import socket
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask
from flask_caching import Cache
from gunicorn.app.base import BaseApplication
from pylti1p3.contrib.flask import FlaskCacheDataStorage, FlaskMessageLaunch, FlaskOIDCLogin, FlaskRequest
from pylti1p3.exception import LtiException
from pylti1p3.tool_config import ToolConfDict

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Badges</title></head>
<body><main><h1>Badges for {{ course }}</h1><p>Signed in as {{ name }}.</p></main></body></html>
"""


def make_app(issuer: str, jwks_url: str) -> Flask:
    """The tool for one platform `issuer` (client `bench`, deployment `3`) whose keys are at `jwks_url`."""
    tool_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = tool_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = tool_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    tool_conf = ToolConfDict({
        issuer: [{
            "default": True,
            "client_id": "bench",
            "auth_login_url": issuer + "/mod/lti/auth.php",
            "auth_token_url": issuer + "/mod/lti/token.php",
            "key_set_url": jwks_url,
            "key_set": None,
            "deployment_ids": ["3"],
        }]
    })
    tool_conf.set_private_key(issuer, private_pem, client_id="bench")
    tool_conf.set_public_key(issuer, public_pem, client_id="bench")

    app = Flask(__name__)
    app.config.update(SECRET_KEY=os.urandom(32).hex(), CACHE_TYPE="SimpleCache", CACHE_DEFAULT_TIMEOUT=600, CACHE_THRESHOLD=100_000)
    cache = Cache(app)
    # Compiled once, as a template file would be (render_template_string compiles on every call).
    page = app.jinja_env.from_string(PAGE)

    @app.route("/login", methods=["GET", "POST"])
    def login():
        storage = FlaskCacheDataStorage(cache)
        flask_request = FlaskRequest()
        target_link_uri = flask_request.get_param("target_link_uri")
        if not target_link_uri:
            return "missing target_link_uri", 400
        try:
            return FlaskOIDCLogin(flask_request, tool_conf, launch_data_storage=storage).redirect(target_link_uri)
        except LtiException as error:
            return f"login refused: {error}", 400

    @app.route("/healthz")
    def healthz():
        # The benchmark's floor: a request the tool answers without any work of its own.
        return "ok"

    @app.route("/launch", methods=["POST"])
    def launch():
        storage = FlaskCacheDataStorage(cache)
        message_launch = FlaskMessageLaunch(FlaskRequest(), tool_conf, launch_data_storage=storage)
        if os.environ.get("PYLTI_KEY_SET_CACHE") != "off":
            message_launch.set_public_key_caching(storage, cache_lifetime=7200)
        try:
            data = message_launch.get_launch_data()
        except LtiException as error:
            return f"launch refused: {error}", 403
        context = data.get("https://purl.imsglobal.org/spec/lti/claim/context", {})
        name = data.get("name") or data.get("email") or data.get("sub")
        return page.render(course=context.get("title", ""), name=name)

    return app


class Server(BaseApplication):
    """gunicorn with its configuration given here rather than on a command line."""

    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--jwks-url", required=True)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--threads", type=int, default=8)
    arguments = parser.parse_args()
    # A parent that blocks signals in its threads (badged's bench does) passes the mask on;
    # gunicorn's master and worker need theirs (SIGINT, SIGCHLD, SIGTERM) delivered.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    port = arguments.port
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    server = f"gunicorn {importlib.metadata.version('gunicorn')}, 1 worker x {arguments.threads} threads"

    def when_ready(_):
        print(f"pylti listening on http://127.0.0.1:{port} ({server})", flush=True)

    Server(make_app(arguments.issuer, arguments.jwks_url), {
        "bind": f"127.0.0.1:{port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": arguments.threads,
        "accesslog": None,
        "loglevel": "warning",
        "when_ready": when_ready,
    }).run()


if __name__ == "__main__":
    sys.exit(main())
