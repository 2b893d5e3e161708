#!/usr/bin/env python3
"""OWASP API Security Top 10 (2023) walk against a running orderflow server: `make security-check`.

Reads the server's own OpenAPI document (GET /q/openapi?format=json) for the list of operations, who may call each
(x-roles-allowed) and an example body for each write, then probes: object-level authorization (API1), tokens (API2),
mass assignment (API3), body limits, malformed bodies and rate limits (API4), function-level authorization (API5)
and what the API port exposes (API8). Prints one row per probe and exits 1 when any row fails.

Environment: BASE_URL (default http://localhost:8080), ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD (an admin
login), ORDERFLOW_JWT_PRIVATE_KEY (default .keys/jwt-private.pem; the server's signing key, only used to sign an
expired token: without it that row is skipped). Python 3 standard library and the openssl command only.

It writes to the server: eleven customers made through the admin API and two by its probes (all deactivated at the
end), one product, a few orders. The rate-limit probes spend this address's login permits for a minute: run it at
most once a minute, and not from an address real users sign in from.
"""

import base64
import hmac
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

BASE_URL = os.environ.get("BASE_URL", "http://localhost:8080").rstrip("/")
ADMIN_EMAIL = os.environ.get("ORDERFLOW_ADMIN_EMAIL", "admin@orderflow.local")
ADMIN_PASSWORD = os.environ.get("ORDERFLOW_ADMIN_PASSWORD", "orderflow-admin")
SIGNING_KEY = os.environ.get("ORDERFLOW_JWT_PRIVATE_KEY", ".keys/jwt-private.pem")

API = "/api/v1"
ROLES = ["anonymous", "customer", "employee", "manager", "admin"]
EVERYONE = set(ROLES)
PROBLEM = "application/problem+json"
# Fields a client must never be able to set; each gets a value the server would never choose itself.
INJECTED = {"role": "admin", "status": "delivered", "totalCents": 1, "priceCents": 1, "customerId": None}
BODY_LIMIT = 256 * 1024
RUN = uuid.uuid4().hex[:8]

ROWS = []


def record(check, subject, expected, got, ok):
    ROWS.append((check, subject, expected, str(got), "PASS" if ok else "FAIL"))


# ---------------------------------------------------------------- HTTP


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    def is_problem(self):
        return self.headers.get("content-type", "").startswith(PROBLEM)

    def problem_type(self):
        body = self.json()
        return body.get("type", "").rsplit("/", 1)[-1] if self.is_problem() and isinstance(body, dict) else ""

    def describe(self):
        kind = self.problem_type()
        return f"{self.status} {kind}".strip()


def call(method, path, token=None, body=None, raw=None, headers=None):
    """One request; `body` is sent as JSON, `raw` as given bytes."""
    url = urllib.parse.urlsplit(BASE_URL + path)
    connection_type = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(url.hostname, url.port, timeout=30)
    sent = {"Accept": "application/json"}
    if token:
        sent["Authorization"] = "Bearer " + token
    payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if payload is not None:
        sent["Content-Type"] = "application/json"
    if method in ("POST", "PUT", "PATCH") and payload is None:
        sent["Content-Length"] = "0"
    sent.update(headers or {})
    target = url.path + ("?" + url.query if url.query else "")
    try:
        connection.request(method, target, body=payload, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    except (ConnectionError, http.client.HTTPException) as e:
        # A server that closes the connection on a large body still refused it; report what happened.
        return Answer(0, {}, str(e).encode())
    finally:
        connection.close()


def must(answer, status, what):
    if answer.status != status:
        sys.exit(f"security-check: {what} answered {answer.status}, expected {status}: {answer.body[:300]!r}")
    return answer.json()


def idempotency():
    return {"Idempotency-Key": "seccheck-" + uuid.uuid4().hex}


# ---------------------------------------------------------------- tokens


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims_of(token):
    return json.loads(unb64url(token.split(".")[1]))


def jwt(header, claims, sign):
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    return signing_input + "." + b64url(sign(signing_input.encode()))


def rs256_with(key_file):
    def sign(data):
        return subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_file], input=data,
                              capture_output=True, check=True).stdout
    return sign


def fresh_rsa_key(directory):
    key_file = os.path.join(directory, "wrong-key.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key_file],
                   capture_output=True, check=True)
    return key_file


# ---------------------------------------------------------------- the document


class Operation:
    def __init__(self, method, path, spec):
        self.method = method.upper()
        self.path = path
        self.id = spec.get("operationId", f"{self.method} {path}")
        self.roles = set(spec.get("x-roles-allowed", []))
        self.documented = "x-roles-allowed" in spec
        content = (spec.get("requestBody") or {}).get("content", {}).get("application/json")
        self.has_body = content is not None
        self.example = (content or {}).get("example")
        schema = (content or {}).get("schema", {})
        self.schema_ref = schema.get("$ref", "").rsplit("/", 1)[-1]
        produces = (spec.get("responses", {}).get("200") or {}).get("content", {})
        # A stream is asked for as one: anything else is 406 before the checks the probes are after.
        self.accept = {"Accept": "text/event-stream"} if "text/event-stream" in produces else {}

    def label(self):
        return f"{self.method} {self.path}"

    def fill(self, ids):
        """The path with each {param} replaced from ids (a dict, or a function of the param name)."""
        path = self.path
        while "{" in path:
            start, end = path.index("{"), path.index("}")
            name = path[start + 1:end]
            value = ids(name) if callable(ids) else ids[name]
            path = path[:start] + str(value) + path[end + 1:]
        return path


def load_document():
    answer = call("GET", "/q/openapi?format=json")
    document = must(answer, 200, "GET /q/openapi")
    operations = []
    for path, item in document["paths"].items():
        if not path.startswith(API + "/"):
            continue
        for method, spec in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                operations.append(Operation(method, path, spec))
    schemas = document.get("components", {}).get("schemas", {})
    return operations, schemas


# ---------------------------------------------------------------- fixture


class World:
    """Everything the probes need: an admin, customers with addresses and cards, staff, a product, orders, A's rooms."""

    def __init__(self):
        self.admin = None
        self.users = {}
        self.product = None
        self.orders = {}
        self.shipment = None
        self.room = None
        self.message = None
        self.course = None
        self.enrolment = None
        self.event = None


def login(email, password):
    answer = call("POST", API + "/auth/login", body={"email": email, "password": password})
    return must(answer, 200, f"login as {email}")


def promote(world, user, role):
    must(call("PATCH", f"{API}/admin/users/{user['id']}", world.admin, {"role": role}), 200, f"making a user {role}")
    pair = must(call("POST", API + "/auth/refresh", body={"refreshToken": user["refreshToken"]}), 200, "refresh after a role change")
    user["accessToken"], user["refreshToken"] = pair["accessToken"], pair["refreshToken"]


def place_order(world, customer, product=None):
    body = {"items": [{"productId": product or world.product, "quantity": 1}], "shippingAddressId": customer["addressId"],
            "billingAddressId": customer["addressId"], "paymentMethodId": customer["paymentMethodId"]}
    return must(call("POST", API + "/orders", customer["accessToken"], body, headers=idempotency()), 201, "checkout")


def build_world():
    world = World()
    world.admin = login(ADMIN_EMAIL, ADMIN_PASSWORD)["accessToken"]
    names = ["a", "b", "customer", "employee", "manager", "admin", "prober", "revoked", "demoted", "writer", "target", "teacher"]
    batch = must(call("POST", API + "/admin/load-test-customers", world.admin,
                      {"count": len(names), "emailPrefix": f"seccheck-{RUN}"}), 201, "making the test customers")
    world.users = dict(zip(names, batch["customers"]))
    for name, role in (("employee", "employee"), ("manager", "manager"), ("admin", "admin"), ("prober", "admin"),
                       ("demoted", "manager"), ("teacher", "instructor")):
        promote(world, world.users[name], role)
    product = must(call("POST", API + "/products", world.admin,
                        {"sku": f"SECCHECK-{RUN}", "name": "Security check", "category": "seccheck", "kind": "physical",
                         "priceCents": 2500, "currency": "USD", "initialStock": 100}), 201, "making a product")
    world.product = product["id"]
    a = world.users["a"]
    world.orders = {purpose: place_order(world, a)["id"] for purpose in ("bola", "shipped", "ship", "cancel", "refund", "pay")}
    shipped = call("POST", f"{API}/orders/{world.orders['shipped']}/shipments", world.users["employee"]["accessToken"],
                   {"carrier": "ups", "trackingNumber": f"SC{RUN}{uuid.uuid4().hex[:8]}"})
    world.shipment = must(shipped, 201, "shipping an order")["id"]
    must(call("PUT", f"{API}/cart/items/{world.product}", a["accessToken"], {"quantity": 2}), 200, "filling a cart")
    first = must(call("POST", f"{API}/orders/{world.orders['bola']}/support/messages", a["accessToken"], {"body": "Where is it?"},
                      headers=idempotency()), 201, "opening A's support room")
    world.room, world.message = first["roomId"], first["id"]
    world.course = must(call("POST", API + "/products", world.admin,
                             {"sku": f"SECCHECK-COURSE-{RUN}", "name": "Security check course", "category": "seccheck",
                              "kind": "course", "priceCents": 1500, "currency": "USD", "initialStock": 10}), 201, "making a course")["id"]
    must(call("PUT", f"{API}/courses/{world.course}", world.admin,
              {"instructorId": world.users["teacher"]["id"], "durationMinutes": 60, "level": "beginner", "published": True,
               "schedule": {"timeZone": "UTC", "weekly": [{"weekday": "MONDAY", "localTime": "18:00"}]}}), 200, "giving the course details")
    place_order(world, a, world.course)
    world.enrolment = must(call("GET", API + "/me/enrolments", a["accessToken"]), 200, "A's enrolments")["items"][0]["id"]
    world.event = must(call("POST", API + "/products", world.admin,
                            {"sku": f"SECCHECK-EVENT-{RUN}", "name": "Security check event", "category": "seccheck",
                             "kind": "event", "priceCents": 2000, "currency": "USD", "initialStock": 10}), 201, "making an event")["id"]
    return world


def token_of(world, role):
    return None if role == "anonymous" else world.users[role]["accessToken"]


def clean_up(world):
    for user in world.users.values():
        call("PATCH", f"{API}/admin/users/{user['id']}", world.admin, {"role": "customer", "active": False})


# ---------------------------------------------------------------- API1 object level


def owned_by_a(world, op):
    """A's resource for an id-bearing path, or None when the path names nothing a customer owns."""
    a = world.users["a"]
    if op.path.startswith(API + "/me/addresses/"):
        return a["addressId"]
    if op.path.startswith(API + "/me/payment-methods/"):
        return a["paymentMethodId"]
    if op.path.startswith(API + "/orders/{id}"):
        return world.orders["bola"]
    if op.path.startswith(API + "/shipments/{id}"):
        return world.shipment
    if op.path.startswith(API + "/rooms/{id}"):
        return world.room
    if op.path.startswith(API + "/orders/{orderId}/support"):
        return world.orders["bola"]
    if op.path == API + "/courses/{productId}/room":
        return world.course
    if op.path == API + "/me/enrolments/{id}":
        return world.enrolment
    return None


# The path names a public course or event and the request acts on the caller's own review or waitlist entry:
# there is no resource of A's in it for B to reach.
CALLERS_OWN = {"reviewCourse", "joinWaitlist", "leaveWaitlist"}


def read_back_path(op, resource):
    """Where A sees what a probe on the resource could change (never a stream: it would not end)."""
    if op.path.startswith(API + "/rooms/"):
        return f"{API}/rooms/{resource}/messages"
    if op.path.startswith(API + "/orders/{orderId}/support"):
        return f"{API}/orders/{resource}/support"
    if op.path.startswith(API + "/orders/"):
        return f"{API}/orders/{resource}"
    if op.path.startswith(API + "/me/enrolments/"):
        return f"{API}/me/enrolments"
    return op.fill({"id": resource, "productId": resource})


def check_object_level(world, operations, examples):
    b = world.users["b"]
    a = world.users["a"]
    for op in operations:
        if "{" not in op.path or "customer" not in op.roles or "anonymous" in op.roles:
            continue
        if op.id in CALLERS_OWN:
            ROWS.append(("API1 BOLA", op.label(), "an owned resource to try", "n/a: acts on the caller's own entry of a public course or event", "SKIP"))
            continue
        resource = owned_by_a(world, op)
        if resource is None:
            record("API1 BOLA", op.label(), "an owned resource to try", "none known to the check", False)
            continue
        before = call("GET", read_back_path(op, resource), a["accessToken"]).json()
        body = examples.body(op, b) if op.has_body else None
        answer = call(op.method, op.fill(lambda name: world.message if name == "messageId" else resource), b["accessToken"], body,
                      headers={**idempotency(), **op.accept})
        after = call("GET", read_back_path(op, resource), a["accessToken"])
        untouched = after.status == 200 and after.json() == before
        record("API1 BOLA", f"{op.label()} as B on A's", "404, A's copy unchanged",
               f"{answer.describe()}, {'unchanged' if untouched else 'CHANGED ' + str(after.status)}",
               answer.status == 404 and untouched)
    for path, field, own in ((API + "/orders", "id", world.orders["bola"]), (API + "/me/addresses", "id", a["addressId"]),
                             (API + "/me/payment-methods", "id", a["paymentMethodId"])):
        answer = call("GET", path, b["accessToken"])
        seen = [item.get(field) for item in (answer.json() or {}).get("items", [])]
        record("API1 BOLA", f"GET {path} as B", "200 without A's", f"{answer.status}, {'has A' if own in seen else 'none of A'}",
               answer.status == 200 and own not in seen)
    a_cart = call("GET", API + "/cart", a["accessToken"]).json()
    for method in ("GET", "DELETE"):
        answer = call(method, API + "/cart", b["accessToken"], headers={"X-Cart-Id": a["id"]})
        leaked = method == "GET" and any(line.get("productId") == world.product for line in (answer.json() or {}).get("items", []))
        after = call("GET", API + "/cart", a["accessToken"]).json()
        record("API1 BOLA", f"{method} /cart as B naming A", "B's own cart, A's unchanged",
               f"{answer.status}, {'A LEAKED' if leaked else 'no A lines'}, A's {'unchanged' if after == a_cart else 'CHANGED'}",
               answer.status in (200, 204) and not leaked and after == a_cart)


# ---------------------------------------------------------------- API5 function level


def probe_path(op):
    return op.fill(lambda name: "seccheck-none" if name == "slug" else uuid.uuid4())


def check_function_level(world, operations):
    for op in operations:
        if not op.documented:
            record("API5 roles", op.label(), "x-roles-allowed in the document", "missing", False)
            continue
        if op.roles == EVERYONE:
            continue
        for role in ROLES:
            allowed = role in op.roles
            if allowed and op.id == "logout":
                continue  # it would end the session the other probes use; the token probes cover it
            answer = call(op.method, probe_path(op), token_of(world, role), {} if op.has_body else None,
                          headers={**idempotency(), **op.accept})
            if allowed:
                record("API5 roles", f"{op.label()} as {role}", "allowed: not 401/403", answer.describe(),
                       answer.status not in (401, 403) and answer.status < 500)
            else:
                expected = 401 if role == "anonymous" else 403
                record("API5 roles", f"{op.label()} as {role}", f"{expected} problem", answer.describe(),
                       answer.status == expected and answer.is_problem())


# ---------------------------------------------------------------- API3 mass assignment


class Examples:
    """A valid body for each write, from the document's example with this run's own ids and unique values."""

    def __init__(self, world, schemas):
        self.world = world
        self.schemas = schemas
        self.registered = None

    def body(self, op, owner):
        body = json.loads(json.dumps(op.example or {}))
        self._substitute(body, owner)
        if op.id == "createProduct":
            body["sku"] = f"SECCHECK-{RUN}-{uuid.uuid4().hex[:6]}"
        if op.id == "createLoadTestCustomers":
            body.update(count=1, emailPrefix=f"seccheck-{RUN}-{uuid.uuid4().hex[:6]}")
        if op.id == "register":
            body["email"] = f"seccheck-{RUN}-{uuid.uuid4().hex[:6]}@example.com"
            self.registered = body
        if op.id == "login" and self.registered:
            body = {"email": self.registered["email"], "password": self.registered["password"]}
        if op.id == "shipOrder":
            body["trackingNumber"] = f"SC{uuid.uuid4().hex[:12]}"
        if op.id == "changeUserAccess":
            body.update(role="manager", active=True)
        return body

    def _substitute(self, node, owner):
        if isinstance(node, list):
            for item in node:
                self._substitute(item, owner)
        elif isinstance(node, dict):
            for key in node:
                if key == "productId":
                    node[key] = self.world.product
                elif key in ("shippingAddressId", "billingAddressId"):
                    node[key] = owner["addressId"]
                elif key == "paymentMethodId":
                    node[key] = owner["paymentMethodId"]
                elif key == "messageId":
                    node[key] = self.world.message
                elif key == "instructorId":
                    node[key] = self.world.users["teacher"]["id"]
                else:
                    self._substitute(node[key], owner)

    def properties(self, op):
        return set(self.schemas.get(op.schema_ref, {}).get("properties", {}))


def applied(node, injected):
    """The injected fields whose value shows up anywhere in a response or read-back."""
    found = set()
    if isinstance(node, list):
        for item in node:
            found |= applied(item, injected)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in injected and value is not None and str(value).lower() == str(injected[key]).lower():
                found.add(key)
            found |= applied(value, injected)
    return found


def mass_assignment_call(world, op):
    """(caller, path, read back) for one write: read back returns what the server kept."""
    users = world.users
    a, admin = users["a"], users["admin"]
    order_of = {"payOrder": "pay", "cancelOrder": "cancel", "refundOrder": "refund", "shipOrder": "ship"}
    if op.id in order_of:
        order = world.orders[order_of[op.id]]
        caller = a if op.id in ("payOrder", "cancelOrder") else users["manager"]
        return caller, op.fill({"id": order}), lambda _: [call("GET", f"{API}/orders/{order}", a["accessToken"]).json()]
    if op.id in ("register", "login", "refreshTokens", "receivePaymentWebhook"):
        return None, op.path, lambda answer: [answer.json()]
    paths = {
        "updateProfile": (a, {}, lambda _: API + "/me"),
        "addAddress": (a, {}, lambda body: f"{API}/me/addresses/{body['id']}"),
        "updateAddress": (a, {"id": a["addressId"]}, lambda _: f"{API}/me/addresses/{a['addressId']}"),
        "addPaymentMethod": (a, {}, lambda body: f"{API}/me/payment-methods/{body['id']}"),
        "changeUserAccess": (admin, {"id": users["target"]["id"]}, None),
        "createLoadTestCustomers": (admin, {}, None),
        "createProduct": (users["manager"], {}, lambda body: f"{API}/products/{body['id']}"),
        "updateProduct": (users["manager"], {"id": world.product}, lambda _: f"{API}/products/{world.product}"),
        "adjustStock": (users["employee"], {"productId": world.product}, lambda _: f"{API}/inventory/{world.product}"),
        "setCartItem": (a, {"productId": world.product}, lambda _: API + "/cart"),
        "placeOrder": (a, {}, lambda body: f"{API}/orders/{body['id']}"),
        "setCourseDetails": (users["manager"], {"course": world.course}, None),
        "setEventDetails": (users["manager"], {"id": world.event}, lambda _: f"{API}/events/{world.event}"),
        "reviewCourse": (a, {"productId": world.course}, lambda _: f"{API}/courses/{world.course}/reviews"),
        "completeEnrolment": (a, {"id": world.enrolment}, lambda _: f"{API}/me/enrolments"),
        "postMessage": (a, {"id": world.room}, lambda _: f"{API}/rooms/{world.room}/messages"),
        "postSupportMessage": (a, {"orderId": world.orders["bola"]}, lambda body: f"{API}/rooms/{body['roomId']}/messages"),
        "editMessage": (a, {"id": world.room, "messageId": world.message}, lambda _: f"{API}/rooms/{world.room}/messages"),
        "markRoomRead": (a, {"id": world.room}, lambda _: f"{API}/rooms/{world.room}"),
        "updateMembership": (a, {"id": world.room}, lambda _: f"{API}/rooms/{world.room}"),
    }
    if op.id not in paths:
        return None
    caller, ids, where = paths[op.id]

    def read_back(answer):
        body = answer.json()
        kept = [body]
        if where and isinstance(body, dict) and answer.status < 300:
            kept.append(call("GET", where(body), caller["accessToken"]).json())
        return kept
    return caller, op.fill(ids), read_back


def remember_accounts(world, op, answer):
    """Accounts a probe made, so the clean-up deactivates them too."""
    body = answer.json() if answer.status == 201 else None
    if op.id == "register" and body:
        world.users["registered"] = body
    if op.id == "createLoadTestCustomers" and body:
        world.users["made by a probe"] = body["customers"][0]


def token_roles(kept):
    """Signed-in answers carry tokens: the role is in their groups claim."""
    roles = []
    for body in kept:
        if isinstance(body, dict):
            tokens = [body.get("accessToken")] + [c.get("accessToken") for c in body.get("customers", [])]
            roles += [g for t in tokens if t for g in claims_of(t).get("groups", [])]
    return roles


def check_mass_assignment(world, operations, examples):
    injected = dict(INJECTED, customerId=world.users["b"]["id"])
    # Registering first gives the login probe an account whose password the check knows.
    for op in sorted(operations, key=lambda op: op.id != "register"):
        if op.method not in ("POST", "PUT", "PATCH") or not op.has_body:
            continue
        plan = mass_assignment_call(world, op)
        if plan is None:
            record("API3 mass assignment", op.label(), "a way to call it", "none known to the check", False)
            continue
        caller, path, read_back = plan
        body = examples.body(op, caller or world.users["a"])
        if op.id == "refreshTokens":
            body = {"refreshToken": world.users["writer"]["refreshToken"]}
        extra = {key: value for key, value in injected.items() if key not in examples.properties(op)}
        body.update(extra)
        answer = call(op.method, path, caller and caller["accessToken"], body, headers=idempotency())
        kept = read_back(answer)
        remember_accounts(world, op, answer)
        if op.id == "refreshTokens" and answer.status == 200:
            world.users["writer"]["refreshToken"] = answer.json()["refreshToken"]
        leaked = applied(kept, extra) | ({"role"} if "admin" in token_roles(kept) else set())
        got = f"{answer.describe()}, " + (f"APPLIED {sorted(leaked)}" if leaked else "none applied")
        record("API3 mass assignment", op.label(), f"{'+'.join(sorted(extra))} ignored or 4xx", got,
               not leaked and answer.status < 500)


# ---------------------------------------------------------------- API4 bodies and rate limits


def check_bodies(world, operations):
    prober = world.users["prober"]["accessToken"]
    big = json.dumps({"notes": "x" * (BODY_LIMIT + 1024)}).encode()
    for op in operations:
        if not op.has_body:
            continue
        path = probe_path(op)
        token = None if "anonymous" in op.roles else prober
        answer = call(op.method, path, token, raw=big, headers=idempotency())
        record("API4 oversized body", op.label(), "413 problem", answer.describe(), answer.status == 413 and answer.is_problem())
        answer = call(op.method, path, token, raw=b'{"quantity": 1, "email": ', headers=idempotency())
        record("API4 malformed body", op.label(), "400 problem", answer.describe(), answer.status == 400 and answer.is_problem())


def until_limited(send, most):
    for attempt in range(1, most + 1):
        answer = send(attempt)
        if answer.status == 429:
            return attempt, answer
    return most, answer


def record_limit(subject, attempts, answer):
    retry_after = answer.headers.get("retry-after", "")
    record("API4 rate limit", subject, "429 problem with Retry-After",
           f"{answer.describe()} after {attempts}, Retry-After {retry_after or 'missing'}",
           answer.status == 429 and answer.is_problem() and retry_after.isdigit())


def check_rate_limits(world):
    writer = world.users["writer"]["accessToken"]
    attempts, answer = until_limited(lambda n: call("PATCH", API + "/me", writer, {"firstName": f"Writer{n}"}), 400)
    record_limit("writes per user: PATCH /me", attempts, answer)
    email = f"seccheck-{RUN}-nobody@example.com"
    attempts, answer = until_limited(lambda n: call("POST", API + "/auth/login", body={"email": email, "password": "wrong-password"}), 60)
    record_limit("login back-off, one address and email: POST /auth/login", attempts, answer)
    attempts, answer = until_limited(lambda n: call("POST", API + "/auth/login",
                                                    body={"email": f"seccheck-{RUN}-{n}@example.com", "password": "wrong-password"}), 200)
    record_limit("login per IP: POST /auth/login, new emails", attempts, answer)


# ---------------------------------------------------------------- API2 tokens


def check_tokens(world, workdir):
    users = world.users
    customer = users["customer"]["accessToken"]
    header, claims = json.loads(unb64url(customer.split(".")[0])), claims_of(customer)
    as_admin = dict(claims, groups=["admin"])
    wrong_key = fresh_rsa_key(workdir)
    forged = {
        "tampered (groups: admin, signature kept)": ".".join([customer.split(".")[0], b64url(json.dumps(as_admin).encode()),
                                                               customer.split(".")[2]]),
        "signed with another RSA key": jwt(header, as_admin, rs256_with(wrong_key)),
        "alg none": jwt({"alg": "none", "typ": "JWT"}, as_admin, lambda _: b""),
        "HS256 with a guessed secret": jwt({"alg": "HS256", "typ": "JWT"}, as_admin,
                                           lambda data: hmac.new(b"secret", data, "sha256").digest()),
        "not a JWT": "not-a-token",
    }
    if os.path.exists(SIGNING_KEY):
        now = int(time.time())
        expired = dict(claims, iat=now - 3600, exp=now - 600, jti=str(uuid.uuid4()))
        forged["expired 10 min ago (server's key)"] = jwt(header, expired, rs256_with(SIGNING_KEY))
    else:
        ROWS.append(("API2 tokens", "expired", "401", f"skipped: no signing key at {SIGNING_KEY}", "SKIP"))
    for name, token in forged.items():
        for path in (API + "/me", API + "/inventory/low-stock"):
            answer = call("GET", path, token)
            record("API2 tokens", f"{name}: GET {path}", "401 problem", answer.describe(), answer.status == 401 and answer.is_problem())

    revoked = users["revoked"]["accessToken"]
    must(call("POST", API + "/auth/logout", revoked), 204, "logout")
    answer = call("GET", API + "/me", revoked)
    record("API2 tokens", "after logout: GET /me", "401 problem", answer.describe(), answer.status == 401 and answer.is_problem())
    answer = call("POST", API + "/auth/refresh", body={"refreshToken": users["revoked"]["refreshToken"]})
    record("API2 tokens", "refresh token after logout", "401 problem", answer.describe(), answer.status == 401)

    demoted = users["demoted"]
    before = call("GET", API + "/inventory/low-stock", demoted["accessToken"])
    must(call("PATCH", f"{API}/admin/users/{demoted['id']}", world.admin, {"role": "customer"}), 200, "demoting")
    for path in (API + "/inventory/low-stock", API + "/me"):
        answer = call("GET", path, demoted["accessToken"])
        record("API2 tokens", f"manager token after demotion: GET {path}", "401 problem",
               f"{answer.describe()} (before: {before.status})", before.status == 200 and answer.status == 401)


# ---------------------------------------------------------------- API8 exposure


def check_exposure(operations):
    for path in ("/q/metrics", "/q/health", "/q/health/ready", "/q/swagger-ui", "/q/swagger-ui/", "/q/dev-ui", "/q/info"):
        answer = call("GET", path, headers={"Accept": "*/*"})
        record("API8 exposure", f"GET {path} on the API port", "404 (not served)", answer.status, answer.status == 404)
    answer = call("GET", "/q/openapi?format=json")
    documented = all(op.documented for op in operations)
    record("API8 exposure", "GET /q/openapi", "200 with x-roles-allowed on every operation",
           f"{answer.status}, {'all' if documented else 'NOT all'} documented", answer.status == 200 and documented)
    answer = call("GET", API + "/no-such-endpoint")
    body = answer.body.decode(errors="replace")
    record("API8 exposure", "GET an unknown path", "404 problem, no stack trace", answer.describe(),
           answer.status == 404 and answer.is_problem() and "Exception" not in body and "at io." not in body)


# ---------------------------------------------------------------- report


def print_table():
    headers = ("check", "endpoint / subject", "expected", "got", "result")
    widths = [max(len(str(row[i])) for row in ROWS + [headers]) for i in range(5)]
    line = "  ".join("{:<" + str(w) + "}" for w in widths)
    print(line.format(*headers))
    print("  ".join("-" * w for w in widths))
    for row in ROWS:
        print(line.format(*row))
    failed = sum(1 for row in ROWS if row[4] == "FAIL")
    print(f"\n{len(ROWS)} checks against {BASE_URL}: {len(ROWS) - failed - sum(1 for r in ROWS if r[4] == 'SKIP')} passed, "
          f"{failed} failed, {sum(1 for r in ROWS if r[4] == 'SKIP')} skipped")
    return failed


def main():
    operations, schemas = load_document()
    world = build_world()
    examples = Examples(world, schemas)
    try:
        with tempfile.TemporaryDirectory() as workdir:
            check_exposure(operations)
            check_function_level(world, operations)
            check_object_level(world, operations, examples)
            check_mass_assignment(world, operations, examples)
            check_bodies(world, operations)
            check_tokens(world, workdir)
            check_rate_limits(world)
    finally:
        clean_up(world)
    sys.exit(1 if print_table() else 0)


if __name__ == "__main__":
    main()
