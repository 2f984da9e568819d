using SupportAssist.Knowledge;

namespace SupportAssist.Answering;

/// <summary>A retrieved chunk given to a composer, numbered from 1 in the order it is offered; answers cite it as <c>[Number]</c>.</summary>
public sealed record Passage(int Number, Chunk Chunk);
