using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace SupportAssist.Embeddings.Arctic;

/// <summary>
/// Text to model input as the model card prescribes: BERT's uncased WordPiece (lower case, accents stripped,
/// punctuation and CJK characters split, control characters dropped), <c>[CLS] … [SEP]</c>, truncated to 512
/// tokens; queries get the model's instruction in front. FastBertTokenizer does the tokenization (it follows the
/// reference BERT tokenizer, which the model package's own tokenizer does not: see the Embeddings tests).
/// </summary>
internal sealed class WordPieceInput
{
    /// <summary>The model's input names, in the order <see cref="Tensors"/> returns them.</summary>
    public static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly BertTokenizer _tokenizer = new();

    public WordPieceInput(Stream vocabulary)
    {
        using var reader = new StreamReader(vocabulary);
        _tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
    }

    /// <summary>Writes the token ids of <paramref name="text"/> (with <c>[CLS]</c> and <c>[SEP]</c>) into <paramref name="ids"/>; returns how many.</summary>
    public int Encode(string text, EmbeddingInput input, Span<long> ids)
    {
        var value = input == EmbeddingInput.Query ? ArcticEmbedXs.QueryPrefix + text : text;
        Span<long> mask = stackalloc long[ids.Length];
        Span<long> types = stackalloc long[ids.Length];
        return _tokenizer.Encode(value, ids, mask, types);
    }

    /// <summary>The three input tensors for one text of <paramref name="ids"/>: all tokens attended, one segment.</summary>
    public static InputTensors Tensors(ReadOnlySpan<long> ids)
    {
        var shape = new long[] { 1, ids.Length };
        var mask = new long[ids.Length];
        mask.AsSpan().Fill(1);
        return new InputTensors([
            OrtValue.CreateTensorValueFromMemory(ids.ToArray(), shape),
            OrtValue.CreateTensorValueFromMemory(mask, shape),
            OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape)]);
    }

    /// <summary>Input tensors that dispose together.</summary>
    public sealed class InputTensors(OrtValue[] values) : IDisposable
    {
        public IReadOnlyCollection<OrtValue> Values => values;

        public void Dispose()
        {
            foreach (var value in values) value.Dispose();
        }
    }
}
