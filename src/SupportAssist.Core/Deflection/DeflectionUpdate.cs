using SupportAssist.Answering;
using SupportAssist.Retrieval;

namespace SupportAssist.Deflection;

/// <summary>
/// One step of a streamed deflection: the suggested <see cref="Articles"/> first, then the composer's
/// <see cref="Answer"/> updates (text pieces, perhaps a retraction), and last the <see cref="Result"/>, which
/// is the decision that counts: streamed text is shown as an answer only if the result carries one.
/// </summary>
public readonly record struct DeflectionUpdate(IReadOnlyList<ArticleHit>? Articles, AnswerUpdate? Answer, DeflectionResult? Result);
