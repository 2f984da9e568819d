using Spectre.Console;

namespace SupportAssist.Evals.Reports;

/// <summary>
/// Progress bars for long runs (Spectre.Console), one per stage as stages report. On a terminal that is not
/// interactive (CI, a pipe) they are left out: the run's output stays plain text.
/// </summary>
internal static class ProgressBars
{
    public static async Task<T> RunAsync<T>(Func<IProgress<(string Stage, int Done, int Total)>, Task<T>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await work(new Direct(_ => { }));
        var result = default(T)!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = await work(new Direct(update =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(update.Stage, out var task)) tasks[update.Stage] = task = context.AddTask(update.Stage);
                        task.IsIndeterminate = update.Total <= 0;
                        if (update.Total > 0)
                        {
                            task.MaxValue = update.Total;
                            task.Value = update.Done;
                        }
                    }
                }));
                foreach (var task in tasks.Values) task.StopTask();
            });
        return result;
    }

    // Reports on the caller's thread: the bars update in order, with no thread-pool hop per item.
    private sealed class Direct(Action<(string Stage, int Done, int Total)> report) : IProgress<(string Stage, int Done, int Total)>
    {
        public void Report((string Stage, int Done, int Total) value) => report(value);
    }
}
