namespace SupportAssist.Infrastructure.Triage;

/// <summary>A JSONL file of labelled tickets was malformed; the message names the file and line.</summary>
public sealed class LabelledDataException : Exception
{
    public LabelledDataException(string message) : base(message)
    {
    }

    public LabelledDataException() : this("malformed labelled data")
    {
    }

    public LabelledDataException(string message, Exception inner) : base(message, inner)
    {
    }
}
