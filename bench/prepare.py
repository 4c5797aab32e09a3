"""Start responses through the API and answer their first question once, so that the load
can keep answering it (changing an answer is allowed until the response is completed).
Prints one line per response: `id token question value-json`.

python3 bench/prepare.py http://127.0.0.1:3901 running-shoe-finder 200 > answers.txt
"""
import json
import sys
import urllib.request


def call(method, url, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Response-Token"] = token
    req = urllib.request.Request(url, json.dumps(body).encode(), headers, method=method)
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def some_answer(question):
    """A valid value for any kind: the first option, the lowest number, a short text."""
    kind = question["kind"]
    if kind in ("single_choice", "image_choice"):
        return question["options"][0]["key"]
    if kind == "multiple_choice":
        return [question["options"][0]["key"]]
    if kind == "text":
        return "I run in the mornings."
    return question["min"]


def main(base, slug, count):
    for _ in range(count):
        started = call("POST", f"{base}/api/v1/questionnaires/{slug}/responses",
                       {"consent": True, "locale": "en"})
        question = started["next"]
        value = some_answer(question)
        path = f"{base}/api/v1/responses/{started['id']}/answers/{question['key']}"
        call("PUT", path, {"value": value}, started["token"])
        print(started["id"], started["token"], question["key"], json.dumps(value))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
