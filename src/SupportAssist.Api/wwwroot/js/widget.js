// <supportassist-contact api-base="https://support.example.com" locale="es"></supportassist-contact>
// One script tag (type="module") puts the contact flow on any page: its own styles in a shadow root, its text in
// English or Spanish from the service, and the same behaviour as /contact (contact.js).
import { enhance } from "./contact.js";

const scriptOrigin = new URL(import.meta.url).origin;

class SupportAssistContact extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const apiBase = (this.getAttribute("api-base") || scriptOrigin).replace(/\/+$/, "");
    const wanted = this.getAttribute("locale") || navigator.language || "en";
    const response = await fetch(`${apiBase}/v1/ui-text?locale=${encodeURIComponent(wanted)}`);
    if (!response.ok) return;
    const { locale, text } = await response.json();
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = `${apiBase}/css/site.css`;
    root.append(style, build(text, locale.slice(0, 2)));
    enhance(root.querySelector("form"), apiBase);
  }
}

// The same markup as the /contact page, built with DOM calls (no HTML strings).
function build(t, locale) {
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "hidden") node.hidden = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  };
  const field = (id, label, control, hintId) =>
    el("div", { class: "field" }, el("label", { for: id, text: label }), control, ...(hintId ? [hintId] : []), el("p", { class: "field-error", id: `${id}-error` }));

  const form = el("form", { id: "contact-form", class: "widget", novalidate: "", "data-locale": locale });
  const data = {
    working: "Answer_Working", suggest: "Answer_Suggest", handoff: "Answer_Handoff", sources: "Answer_Sources", thanks: "Feedback_Thanks",
    sorry: "Feedback_Sorry", sent: "Sent", sending: "Sending", error: "Error_Generic", fields: "Error_Fields", toomany: "Error_TooMany",
    subject: "Subject_Required", message: "Message_Required", email: "Email_Invalid",
  };
  for (const [name, key] of Object.entries(data)) form.dataset[`text${name[0].toUpperCase()}${name.slice(1)}`] = t[key] ?? "";
  form.append(
    el("h2", { text: t.Contact_Title }),
    field("subject", t.Subject, el("input", { id: "subject", name: "Subject", maxlength: "300", required: "", autocomplete: "off", "aria-invalid": "false", "aria-describedby": "subject-error" })),
    field("message", t.Message, el("textarea", { id: "message", name: "Message", rows: "5", maxlength: "10000", required: "", "aria-invalid": "false", "aria-describedby": "message-error" })),
    el("section", { id: "suggestions", class: "suggestions", "aria-labelledby": "suggestions-title", hidden: true },
      el("h3", { id: "suggestions-title", text: t.Suggestions_Title }), el("ul", { id: "suggestion-list", "aria-live": "polite" })),
    el("div", { class: "help", id: "help", hidden: true },
      el("button", { type: "button", id: "get-help", class: "secondary", text: t.GetHelp }),
      el("section", { class: "answer", "aria-labelledby": "answer-title" },
        el("h3", { id: "answer-title", text: t.Answer_Title }),
        el("div", { id: "answer", role: "log", "aria-live": "polite", "aria-busy": "false" }),
        el("ol", { id: "citations", class: "citations", hidden: true })),
      el("fieldset", { id: "feedback", class: "feedback", hidden: true },
        el("legend", { text: t.Feedback_Question }),
        el("button", { type: "button", id: "helpful", class: "secondary", text: t.Yes }),
        el("button", { type: "button", id: "not-helpful", class: "secondary", text: t.No }),
        el("p", { id: "feedback-status", role: "status" }))),
    field("email", t.Email, el("input", { id: "email", name: "ContactEmail", type: "email", maxlength: "254", required: "", autocomplete: "email", "aria-invalid": "false", "aria-describedby": "email-hint email-error" }),
      el("p", { class: "hint", id: "email-hint", text: t.Email_Hint })),
    el("button", { type: "submit", id: "contact-support", text: t.ContactSupport }),
    el("p", { id: "status", role: "status" }));
  return form;
}

if (!customElements.get("supportassist-contact")) customElements.define("supportassist-contact", SupportAssistContact);
