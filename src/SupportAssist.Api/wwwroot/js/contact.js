// The contact form, enhanced: article suggestions while typing, a streamed answer with numbered citations,
// "did this help?", and the case submitted with what the user saw. Without this module the form still posts.
const page = document.getElementById("contact-form");
if (page) enhance(page);

// apiBase: where the API is ("" on our own page; the service's origin in the widget on another site).
export function enhance(form, apiBase = "") {
  const text = (name) => form.dataset[`text${name}`] ?? "";
  const locale = form.dataset.locale || "en";
  const subject = form.querySelector("#subject");
  const message = form.querySelector("#message");
  const email = form.querySelector("#email");
  const suggestions = form.querySelector("#suggestions");
  const suggestionList = form.querySelector("#suggestion-list");
  const help = form.querySelector("#help");
  const getHelp = form.querySelector("#get-help");
  const answer = form.querySelector("#answer");
  const citations = form.querySelector("#citations");
  const feedback = form.querySelector("#feedback");
  const feedbackStatus = form.querySelector("#feedback-status");
  const status = form.querySelector("#status");
  const seen = [];
  let deflectionId = null;
  let typing = null;
  let lastQuery = "";

  help.hidden = false;
  const question = () => `${subject.value.trim()}\n${message.value.trim()}`.trim();

  // Suggestions after a pause in typing, for text of a few words; a newer request replaces an older one.
  let pending = null;
  const suggest = async () => {
    const q = question();
    if (q.split(/\s+/).length < 3 || q === lastQuery) return;
    lastQuery = q;
    pending?.abort();
    pending = new AbortController();
    try {
      const response = await fetch(`${apiBase}/v1/suggestions?q=${encodeURIComponent(q.slice(0, 1000))}&locale=${locale}`, { signal: pending.signal });
      if (!response.ok) return;
      const body = await response.json();
      renderArticles(body.suggestions);
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  };
  for (const field of [subject, message]) {
    field.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(suggest, 400);
    });
  }

  function renderArticles(articles) {
    suggestionList.replaceChildren(...articles.slice(0, 3).map((article) => {
      const item = document.createElement("li");
      item.append(link(article.title, article.url));
      if (article.snippet) {
        const snippet = document.createElement("p");
        snippet.textContent = article.snippet;
        item.append(snippet);
      }
      return item;
    }));
    suggestions.hidden = articles.length === 0;
  }

  function link(title, url) {
    if (!url) {
      const span = document.createElement("span");
      span.textContent = title;
      return span;
    }
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = title;
    anchor.target = "_blank";
    anchor.rel = "noopener";
    return anchor;
  }

  getHelp.addEventListener("click", async () => {
    const q = question();
    if (!q) {
      showFieldError(message, text("Message"));
      message.focus();
      return;
    }
    getHelp.disabled = true;
    answer.setAttribute("aria-busy", "true");
    answer.textContent = text("Working");
    citations.hidden = true;
    feedback.hidden = true;
    feedbackStatus.textContent = "";
    let streamed = "";
    try {
      const response = await fetch(`${apiBase}/v1/deflections`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: q.slice(0, 2000), locale }),
      });
      if (!response.ok) throw await problem(response);
      for await (const { event, data } of events(response)) {
        if (event === "articles") renderArticles(JSON.parse(data));
        else if (event === "answer") {
          streamed += JSON.parse(data).text;
          answer.textContent = streamed;
        } else if (event === "retract") {
          streamed = "";
          answer.textContent = text("Working");
        } else if (event === "decision") renderDecision(JSON.parse(data));
      }
    } catch (error) {
      answer.textContent = error.message || text("Error");
    } finally {
      answer.setAttribute("aria-busy", "false");
      getHelp.disabled = false;
    }
  });

  function renderDecision(decision) {
    deflectionId = decision.id;
    if (!seen.includes(decision.id)) seen.push(decision.id);
    renderArticles(decision.suggestedArticles ?? []);
    citations.replaceChildren();
    if (decision.decision === "answer" && decision.answer) {
      answer.textContent = decision.answer.text;
      for (const citation of decision.answer.citations) {
        const item = document.createElement("li");
        item.value = citation.number;
        item.append(link(citation.title, citation.url));
        citations.append(item);
      }
      citations.hidden = decision.answer.citations.length === 0;
      citations.setAttribute("aria-label", text("Sources"));
      feedback.hidden = false;
    } else if (decision.decision === "contact_support") {
      answer.textContent = text("Handoff");
    } else {
      answer.textContent = text("Suggest");
      feedback.hidden = (decision.suggestedArticles ?? []).length === 0;
    }
  }

  for (const [id, kind] of [["#helpful", "helpful"], ["#not-helpful", "not_helpful"]]) {
    form.querySelector(id).addEventListener("click", async () => {
      if (!deflectionId) return;
      const response = await fetch(`${apiBase}/v1/deflections/${deflectionId}/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind }),
      });
      feedbackStatus.textContent = response.ok || response.status === 409 ? text(kind === "helpful" ? "Thanks" : "Sorry") : text("Error");
      if (kind === "not_helpful") email.focus();
    });
  }

  form.addEventListener("submit", async (submit) => {
    submit.preventDefault();
    clearFieldErrors();
    const button = form.querySelector("#contact-support");
    button.disabled = true;
    status.textContent = text("Sending");
    try {
      const response = await fetch(`${apiBase}/v1/cases`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          subject: subject.value.trim(),
          message: message.value.trim(),
          contactEmail: email.value.trim(),
          locale,
          deflectionIds: seen,
        }),
      });
      if (response.status === 400) {
        const body = await response.json();
        const fields = { subject: [subject, "Subject"], message: [message, "Message"], contactEmail: [email, "Email"] };
        let first = null;
        for (const name of Object.keys(body.errors ?? {})) {
          const [input, key] = fields[name] ?? [];
          if (!input) continue;
          showFieldError(input, text(key));
          first ??= input;
        }
        status.textContent = text("Fields");
        first?.focus();
        return;
      }
      if (!response.ok) throw await problem(response);
      const created = await response.json();
      status.textContent = text("Sent").replace("{0}", created.reference);
      form.reset();
      seen.length = 0;
      deflectionId = null;
    } catch (error) {
      status.textContent = error.message || text("Error");
    } finally {
      button.disabled = false;
    }
  });

  function showFieldError(input, message) {
    input.setAttribute("aria-invalid", "true");
    const error = form.querySelector(`#${input.id}-error`);
    if (error) error.textContent = message;
  }

  function clearFieldErrors() {
    for (const input of [subject, message, email]) {
      input.setAttribute("aria-invalid", "false");
      const error = form.querySelector(`#${input.id}-error`);
      if (error) error.textContent = "";
    }
  }

  async function problem(response) {
    if (response.status === 429) return new Error(text("Toomany"));
    return new Error(text("Error"));
  }
}

// Server-sent events from a fetch response: {event, data} per blank-line-separated block.
async function* events(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length > 0) yield { event, data: data.join("\n") };
    }
  }
}
