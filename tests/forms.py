"""Filling in a page's form as a browser would: every field with the value it
shows, ready to change one and post it back."""

from html.parser import HTMLParser
from urllib.parse import urlencode

TEXT_INPUTS = {"text", "hidden", "number", "date", "email", "url", "search", "time", "tel",
               "password", "datetime-local", "month"}


class _Form(HTMLParser):
    """The fields of the form holding a field named `holding`."""

    def __init__(self, holding: str) -> None:
        super().__init__()
        self.holding, self.forms, self.current = holding, [], None
        self.select, self.textarea, self.first_option = None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self.current)
        if self.current is None:
            return
        fields = self.current["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in TEXT_INPUTS:
                fields.append((name, attrs.get("value") or ""))
            elif kind in ("checkbox", "radio") and "checked" in attrs:
                fields.append((name, attrs.get("value") or "on"))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "chosen": []}
            self.first_option = None
        elif tag == "option" and self.select is not None:
            value = attrs.get("value") or ""
            if self.first_option is None:
                self.first_option = value
            if "selected" in attrs:
                self.select["chosen"].append(value)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.first_option is not None:
                chosen = [self.first_option]  # a browser sends the first option
            self.current["fields"] += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea[1]
            self.current["fields"].append((self.textarea[0], text[1:] if text.startswith(
                "\n") else text))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def found(self) -> dict:
        for form in self.forms:
            if any(name == self.holding for name, _ in form["fields"]):
                data: dict = {}
                for name, value in form["fields"]:
                    data.setdefault(name, []).append(value)
                return {name: values if len(values) > 1 else values[0]
                        for name, values in data.items()}
        raise AssertionError(f"no form holds a field named {self.holding!r}")


def form_data(response, holding: str = "change_reason") -> dict:
    """The posted data of the page's form that holds the field `holding`."""
    parser = _Form(holding)
    parser.feed(response.content.decode())
    return parser.found()


def post_form(client, url, data):
    """Post `data` as a browser posts a form without a file: URL-encoded."""
    return client.post(url, urlencode(data, doseq=True),
                       content_type="application/x-www-form-urlencoded")
