using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Embeddings.Arctic;
using SupportAssist.Infrastructure;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Triage;

namespace SupportAssist.Evals.Triage;

/// <summary>
/// <c>train --data DIR --out DIR</c>: trains the triage model from <c>train.jsonl</c>, chooses each classifier's
/// out-of-scope threshold on <c>validation.jsonl</c>, measures on <c>test.jsonl</c>, and writes the model folder
/// the service loads (<c>SupportAssist:Triage:ModelFolder</c>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with train.jsonl, validation.jsonl and test.jsonl ({\"text\",\"label\"}; label 'oos' for out of scope)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Model folder to write (replaced whole)", Required = true };
        var embedder = new Option<string>("--embedder")
        {
            Description = "Embedder for the nearest-neighbour classifier: 'local' (the service's default), 'lexical', 'none', or 'config' (SupportAssist__Embeddings__* from the environment, as the service reads them)",
            DefaultValueFactory = _ => "local",
        };
        embedder.AcceptOnlyFromAmong("local", "lexical", "none", "config");
        var command = new Command("train", "Train the triage model") { data, output, embedder };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(embedder)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo data, DirectoryInfo output, string embedderChoice, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        try
        {
            using var local = new LocalEncoderOnDemand(loggers.CreateLogger("SupportAssist.Embeddings"));
            var embedder = CreateEmbedder(embedderChoice, local);
            var metadata = await TriageModel.TrainAsync(data.FullName, output.FullName, embedder, TimeProvider.System, cancellationToken);
            Console.WriteLine($"Trained {metadata.Version} in {metadata.TrainingSeconds.ToString(CultureInfo.InvariantCulture)} s into {output.FullName}");
            Console.WriteLine($"Embedder: {metadata.Embedder ?? "none"}; default classifier: {metadata.DefaultClassifier}");
            Console.WriteLine();
            Console.WriteLine("classifier  threshold  split       accuracy  macro-F1  in-scope acc  oos recall  oos precision");
            foreach (var (name, card) in metadata.Classifiers)
            {
                foreach (var (split, m) in new[] { ("validation", card.Validation), ("test", card.Test) })
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-11} {card.Threshold,9:0.000}  {split,-10} {m.Accuracy,9:0.000} {m.MacroF1,9:0.000} {m.InScopeAccuracy,13:0.000} {m.OutOfScopeRecall,11:0.000} {m.OutOfScopePrecision,14:0.000}"));
                }
            }
            return 0;
        }
        catch (Exception error) when (error is LabelledDataException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}");
            return 2;
        }
    }

    private static IEmbeddingGenerator<string, Embedding<float>>? CreateEmbedder(string choice, LocalEncoderOnDemand local)
    {
        if (choice == "none") return null;
        var options = new EmbeddingsOptions();
        if (choice == "config")
        {
            new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(EmbeddingsOptions.Section).Bind(options);
            if (options.IsRemote)
                throw new NotSupportedException("remote embedding providers are not supported by 'train' yet; use --embedder local, lexical or none");
        }
        else options.Provider = choice;
        return EmbeddingGeneratorFactory.Create(options, () => local.Load(options));
    }

    // Loads the local encoder only when it is chosen, and disposes it after the run.
    private sealed class LocalEncoderOnDemand(ILogger logger) : IDisposable
    {
        private ArcticEmbedXs? _encoder;

        public ArcticEmbedXs Load(EmbeddingsOptions options) => _encoder ??= EmbeddingGeneratorFactory.LoadLocalEncoder(options, logger);

        public void Dispose() => _encoder?.Dispose();
    }
}
