"""Runs several AWS CLI commands in one Python process, through the driver /usr/bin/aws runs.

One CLI start-up costs about a second of CPU; the compatibility test runs a dozen commands, so it
sends them here as a JSON list of argument vectors on stdin. Prints, per command, its exit code,
stdout and stderr as JSON.
"""
import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver

results = []
for args in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = create_clidriver().main(args)
    results.append({'args': args, 'code': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()})
print(json.dumps(results))
