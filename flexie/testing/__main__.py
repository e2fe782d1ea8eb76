"""`python -m flexie.testing`: serve a seeded fake Flexie by hand (for curl and the demo)."""

from __future__ import annotations

import argparse
import secrets
import sys

from flexie.testing.runner import bind, make_server, serve_subprocess
from flexie.testing.state import FakeConfig, FakeState, RecordedRequest


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flexie.testing", description="Serve a fake Flexie workspace.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data (default 1)")
    parser.add_argument("--records", type=int, default=200, help="records per resource (default 200; 0: none)")
    parser.add_argument("--api-key", default=None, help="the API key to accept (default: a random one)")
    parser.add_argument("--rate-limit", type=int, default=None, help="requests per minute (default: unlimited)")
    parser.add_argument("--webhook-url", default=None, help="post webhook payloads there when records change")
    parser.add_argument("--rate-limit-burst", type=int, default=None, help="burst (default: the per-minute limit)")
    parser.add_argument("--rate-limit-headers", action="store_true", help="send X-RateLimit-Limit/-Remaining/-Reset")
    parser.add_argument(
        "--unknown-fields",
        choices=("ignore", "reject"),
        default="ignore",
        help="what a create or update does with a key that is no field (default ignore)",
    )
    parser.add_argument(
        "--seed-examples", action="store_true", help="seed what the reference page's example requests need"
    )
    parser.add_argument("--log", action="store_true", help="print one line per request (no query strings)")
    parser.add_argument("--serve-config", default=None, help=argparse.SUPPRESS)  # FakeFlexie(process=True)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve_config == "-":
        serve_subprocess(args.host, args.port)
        return 0
    config = FakeConfig(
        api_key=args.api_key or f"fake_{secrets.token_hex(16)}",
        oauth_client_id="fake-client",
        oauth_client_secret=secrets.token_hex(16),
        seed=args.seed,
        records=args.records or None,
        rate_limit_per_minute=args.rate_limit,
        webhooks=[{"url": args.webhook_url, "events": None}] if args.webhook_url else [],
        rate_limit_burst=args.rate_limit_burst,
        rate_limit_headers=args.rate_limit_headers,
        unknown_fields=args.unknown_fields,
        seed_examples=args.seed_examples,
    )
    state = FakeState(config)
    if args.log:

        def show(entry: RecordedRequest) -> None:
            print(f"{entry.status} {entry.method} {entry.path} {entry.operation_id or '-'}", flush=True)

        state.on_request = show
    sock = bind(args.host, args.port)
    url = f"http://{args.host}:{sock.getsockname()[1]}"
    print(f"Fake Flexie listening on {url}")
    print(f"  base URL     {url}/api")
    print(f"  API key      {config.api_key}")
    print(f"  OAuth client {config.oauth_client_id} / {config.oauth_client_secret} (token URL {url}/oauth2/token)")
    seeded = f"{args.records} records per resource, seed {args.seed}" if args.records else "nothing (empty workspace)"
    seeded += ", plus what the reference page's examples need" if args.seed_examples else ""
    print(f"  seeded       {seeded}")
    if args.webhook_url:
        print(f"  webhooks to  {args.webhook_url}")
    print(f'  try          curl -H "apikey: {config.api_key}" "{url}/api/contacts?limit=5"')
    print("Press Ctrl+C to stop.", flush=True)
    make_server(state).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
