using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportAssist.Cases;
using SupportAssist.Triage;

namespace SupportAssist.Api.Pages.Console;

/// <summary>The queue: cases newest first, filtered by queue, priority, status and age, a page at a time.</summary>
public sealed class IndexModel(ICaseStore store, TimeProvider clock) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }

    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "open";

    /// <summary>Only cases older than this many hours.</summary>
    [BindProperty(SupportsGet = true)] public int? OlderThanHours { get; set; }

    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public IReadOnlyList<SupportCase> Cases { get; private set; } = [];

    public string? Next { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Priority? priority = Enum.TryParse<SupportAssist.Triage.Priority>(Priority, out var p) && Enum.IsDefined(p) ? p : null;
        CaseStatus? status = Enum.TryParse<CaseStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        CaseCursor? cursor = null;
        if (After?.Split('_') is [var ticks, var id] && long.TryParse(ticks, out var t) && t > 0 && t < DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(id, out var g))
            cursor = new CaseCursor(new DateTimeOffset(t, TimeSpan.Zero), g);
        var queue = string.IsNullOrWhiteSpace(Queue) ? null : Queue.Trim()[..Math.Min(100, Queue.Trim().Length)];
        var before = OlderThanHours is > 0 and < 100_000 ? Now.AddHours(-OlderThanHours.Value) : (DateTimeOffset?)null;
        var page = await store.ListAsync(new CaseQuery(queue, priority, status, before, null, PageSize, cursor), cancellationToken);
        Cases = page.Cases;
        Next = page.Next is { } next ? $"{next.CreatedAt.UtcTicks}_{next.Id:N}" : null;
    }

    public static string Age(TimeSpan age) =>
        age.TotalMinutes < 60 ? $"{Math.Max(0, (int)age.TotalMinutes)} min" : age.TotalHours < 48 ? $"{(int)age.TotalHours} h" : $"{(int)age.TotalDays} d";
}
