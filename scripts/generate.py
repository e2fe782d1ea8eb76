"""Build the low-level client in ``generated/`` from a Swagger 2.0 spec.

Pipeline: normalise (scripts/normalize_spec.py, swagger pass) -> swagger2openapi (npm, pinned by
package-lock.json) -> normalise (openapi pass) -> openapi-python-client (pinned, config and
templates in scripts/codegen/) -> ruff (pinned) formats the result.

Output, replacing OUT as a whole:
    OUT/openapi.json   the OpenAPI 3 document the client was generated from
    OUT/flexie_api/    the generated package

Usage::

    python scripts/generate.py [--spec spec/flexie-api.json] [--out generated]
    python scripts/generate.py --check      # exit 1 when generated/ differs from a fresh run
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODEGEN = ROOT / "scripts" / "codegen"
PACKAGE = "flexie_api"
BIN = Path(sys.executable).parent  # the venv's bin: openapi-python-client and ruff live here

# Formatting is part of the output's bytes, so it must not depend on any ruff config lying around.
RUFF_CHECK = [
    "check",
    ".",
    "--fix-only",
    "--quiet",
    "--no-cache",
    "--isolated",
    "--target-version",
    "py310",
    "--select",
    "F401,I",
]
RUFF_FORMAT = [
    "format",
    ".",
    "--quiet",
    "--no-cache",
    "--isolated",
    "--target-version",
    "py310",
    "--line-length",
    "120",
]


class GenerationError(Exception):
    pass


def run(step: str, argv: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise GenerationError(f"{step} failed (exit {proc.returncode}):\n{output}")
    return output


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        raise GenerationError(f"{name} is not installed in {BIN}; run `make install`")
    return str(path)


def converter() -> str:
    path = ROOT / "node_modules" / ".bin" / "swagger2openapi"
    if not path.exists():
        raise GenerationError("swagger2openapi is not installed; run `make install` (npm ci)")
    return str(path)


def templates(tmp: Path) -> Path:
    """Our templates, with the generator's own reachable as ``upstream/...``.

    Some of ours include the generator's template of the same name and change a line of it, rather
    than carrying a copy of it that would drift from the pinned generator.
    """
    import openapi_python_client

    found = tmp / "templates"
    shutil.copytree(CODEGEN / "templates", found)
    os.symlink(Path(openapi_python_client.__file__).parent / "templates", found / "upstream")
    return found


# What the customised templates must have changed in the output (see scripts/codegen/templates/).
LAZY_PARSE = "parse=lambda: parse_response(client=client, response=response),"
PUBLIC_HOOKS = ("def request_kwargs(", "def parse_response(")


def check_customised(package: Path) -> None:
    """Fail when a template's text replacement found nothing to replace (the generator changed)."""
    endpoints = {
        str(p.relative_to(package)): p.read_text() for p in (package / "api").rglob("*.py") if p.name != "__init__.py"
    }
    stale = [
        name
        for name, text in endpoints.items()
        if "parsed=_parse_response(" in text or not all(hook in text for hook in PUBLIC_HOOKS)
    ]
    lazy = any(LAZY_PARSE in text for text in endpoints.values())
    if stale or not lazy or "_parse: Callable[[], T | None]" not in (package / "types.py").read_text():
        raise GenerationError(
            "the endpoint_module/types template customisations no longer apply to this openapi-python-client; "
            f"update scripts/codegen/templates/ (endpoint modules still parsing at once: {stale[:3]})"
        )


def generate(spec: Path, out: Path) -> None:
    """Run the whole pipeline for ``spec`` and replace ``out`` with the result."""
    with tempfile.TemporaryDirectory(prefix="flexie-gen-") as tmp_name:
        tmp = Path(tmp_name)
        swagger, openapi, package = tmp / "swagger.json", tmp / "openapi.json", tmp / "out" / PACKAGE
        package.parent.mkdir()

        print(f"normalising {spec}")
        print(
            run(
                "normalise (swagger)",
                [sys.executable, str(ROOT / "scripts" / "normalize_spec.py"), "swagger", str(spec), str(swagger)],
            )
        )

        print("converting Swagger 2.0 to OpenAPI 3 with swagger2openapi")
        converted = run("swagger2openapi", [converter(), "--outfile", str(openapi), str(swagger)])
        if converted:
            raise GenerationError(f"swagger2openapi warned:\n{converted}")

        print(
            run(
                "normalise (openapi)",
                [sys.executable, str(ROOT / "scripts" / "normalize_spec.py"), "openapi", str(openapi), str(openapi)],
            )
        )

        print("generating the client with openapi-python-client")
        output = run(
            "openapi-python-client",
            [
                tool("openapi-python-client"),
                "generate",
                "--path",
                str(openapi),
                "--config",
                str(CODEGEN / "config.yaml"),
                "--custom-template-path",
                str(templates(tmp)),
                "--meta",
                "none",
                "--output-path",
                str(package),
                "--fail-on-warning",
            ],
        )
        noise = [line for line in output.splitlines() if line.strip() and not line.startswith("Generating ")]
        if noise:
            raise GenerationError("openapi-python-client warned:\n" + "\n".join(noise))

        check_customised(package)
        print("formatting with ruff")
        run("ruff check", [tool("ruff"), *RUFF_CHECK], cwd=package)
        run("ruff format", [tool("ruff"), *RUFF_FORMAT], cwd=package)

        (package / "py.typed").write_text("")  # PEP 561: the generated package ships its annotations
        staged = tmp / "staged"
        staged.mkdir()
        shutil.move(str(package), staged / PACKAGE)
        shutil.copyfile(openapi, staged / "openapi.json")
        (staged / "README.md").write_text(
            "# generated/\n\n"
            "Produced by `make generate` from `spec/flexie-api.json`. Do not edit: change the spec,\n"
            "`scripts/normalize_spec.py` or `scripts/codegen/`, then regenerate.\n"
        )
        for cache in staged.rglob("__pycache__"):
            shutil.rmtree(cache)

        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(staged, out)
    print(f"wrote {out}")


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra or different between two trees."""
    found: list[str] = []

    def compare(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"only in fresh generation: {prefix}{n}" for n in cmp.left_only if n != "__pycache__")
        found.extend(f"only in generated/: {prefix}{n}" for n in cmp.right_only if n != "__pycache__")
        for name in cmp.common_files:
            if not filecmp.cmp(Path(cmp.left) / name, Path(cmp.right) / name, shallow=False):
                found.append(f"differs: {prefix}{name}")
        for name, sub in cmp.subdirs.items():
            if name != "__pycache__":
                compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(expected, actual), "")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", type=Path, default=ROOT / "spec" / "flexie-api.json")
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    parser.add_argument(
        "--check", action="store_true", help="compare --out with a fresh generation instead of writing it"
    )
    args = parser.parse_args()
    os.environ.setdefault("SCARF_ANALYTICS", "false")
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    try:
        if not args.check:
            generate(args.spec.resolve(), args.out.resolve())
            return 0
        with tempfile.TemporaryDirectory(prefix="flexie-check-") as tmp:
            fresh = Path(tmp) / "generated"
            generate(args.spec.resolve(), fresh)
            diff = differences(fresh, args.out.resolve()) if args.out.exists() else [f"{args.out} is missing"]
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if diff:
        print(f"{args.out} is out of date with {args.spec}; run `make generate`:", file=sys.stderr)
        for line in diff:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"{args.out} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
