using SupportAssist.Answering;

namespace SupportAssist.Api.Deflections;

/// <summary>
/// A shown answer. <c>mode</c> is <c>extractive</c> when its sentences are quoted from the articles, <c>generated</c>
/// when a language model wrote it; <c>composer</c> names which (<c>extractive/1</c>, <c>openai:gpt-4o-mini</c>).
/// </summary>
public sealed record DeflectionAnswer(string Text, AnswerMode Mode, string Composer, IReadOnlyList<CitationBody> Citations);
