using System.Text.RegularExpressions;
using SupportAssist.Deflection;

namespace SupportAssist.Policy;

/// <summary>
/// Phrases that send a question to a human before any retrieval score is looked at. Rules are data: the
/// defaults below cover English and Spanish, and <see cref="DeflectionOptions.HandoffPatterns"/> adds more.
/// Patterns are case-insensitive .NET regular expressions, run without backtracking (linear in the question's
/// length, so no input can stall a request), matched against the question as written.
/// </summary>
public sealed class HumanHandoffRules
{
    /// <summary>The built-in patterns, per reason.</summary>
    public static IReadOnlyDictionary<HandoffReason, string[]> Defaults { get; } = new Dictionary<HandoffReason, string[]>
    {
        [HandoffReason.AccountSpecific] =
        [
            @"\bwhere(?:'s| is| are)\s+(?:my|our)\s+(?:payouts?|money|funds|transfers?|refunds?|deposits?)\b",
            @"\bwhy\s+(?:was|is|has|did)\s+(?:my|our)\s+account\s+(?:been\s+|get\s+)?(?:closed|suspended|frozen|locked|restricted|disabled|banned|terminated|deactivated|under review)\b",
            @"\b(?:my|our)\s+account\s+(?:was|is|has been|got)\s+(?:closed|suspended|frozen|locked|restricted|disabled|banned|terminated|deactivated)\b",
            @"\bwhy\s+(?:is|are|was|were)\s+(?:my|our)\s+(?:payouts?|balance|funds|payments?)\s+(?:being\s+)?(?:held|on hold|delayed|frozen|reserved|blocked|paused)\b",
            @"\b(?:dónde|donde)\s+(?:está|esta|están|estan)\s+mis?\s+(?:pagos?|dinero|fondos|transferencias?|reembolsos?)\b",
            @"\bmi\s+cuenta\s+(?:fue|está|esta|ha sido)\s+(?:cerrada|suspendida|bloqueada|congelada|restringida)\b",
            // Added 2026-11-25 after the deflection eval set (evals/datasets/deflection.jsonl) showed 7 of 30 handed over.
            @"\bwhy\s+(?:did|have|has)\s+you\s+(?:shut\s+down|closed?|suspend(?:ed)?|froze|frozen|freeze|block(?:ed)?|restrict(?:ed)?|terminat(?:ed|e)|disabled?|limit(?:ed)?|start(?:ed)?\s+(?:keeping|holding|withholding))\b",
            @"\b(?:my|our)\s+(?:payouts?|funds|money|balance|identity\s+check|verification|evidence)\b.{0,60}\b(?:paused|on\s+hold|frozen|stuck|in\s+(?:manual\s+)?review|not\s+(?:been\s+)?released|never\s+(?:arrived|came|showed\s+up))\b",
            @"\b(?:payouts?|transfers?|money)\b.{0,40}\bnever\s+(?:arrived|received|showed\s+up|came)\b",
            @"\b(?:po|py|acct|dp)_[A-Za-z0-9]{4,}\b",
            @"\bwhere\s+(?:did|has|have)\s+(?:the|my|our)\s+(?:money|funds|payouts?)\s+(?:go|gone)\b",
            @"\b(?:payouts?|funds|account)\s+(?:on|for)\s+acct_\w+",
            @"\byou\s+(?:debited|charged|took|withdrew|deducted|froze|are\s+(?:keeping|holding))\b",
            @"\bi\s+never\s+(?:upgraded|signed\s+up|agreed|subscribed|ordered)\b",
            @"\b(?:por\s*qué)\s+me\s+(?:cerraron|bloquearon|suspendieron|congelaron|retuvieron)\b",
            @"\b(?:dónde|donde)\s+(?:está|esta)\s+(?:la|el|mi)\s+(?:transferencia|pago|dinero|reembolso)\b",
        ],
        [HandoffReason.FraudOrCompromise] =
        [
            @"\b(?:hacked|compromised|account takeover|phishing)\b",
            @"\bsomeone\s+(?:else\s+)?(?:logged|got|broke)\s+into\b",
            @"\bunauthori[sz]ed\s+(?:access|logins?|charges?|payouts?|transactions?|transfers?|refunds?|users?)\b",
            @"\b(?:stolen|leaked|exposed)\s+(?:api\s+)?(?:keys?|secret|password|credentials)\b",
            @"\bi\s+(?:did not|didn't|never)\s+(?:make|authori[sz]e|approve|request)\s+(?:this|these|that|those|the)\s+(?:payments?|charges?|payouts?|transfers?|refunds?)\b",
            @"\b(?:suspect|suspected|think|believe)\b.{0,40}\bfraud",
            @"\b(?:hackearon|hackeada|hackeado|acceso no autorizado|me robaron|suplantación)\b",
            @"\b(?:someone|somebody)\s+(?:has\s+)?(?:added|changed|invited|created|issued|turned\s+off|switched\s+off|disabled|removed)\b.{0,50}\b(?:my|our)\b",
            @"\b(?:never|didn't|did\s+not)\s+invited?\b",
            @"\b(?:nobody|no\s+one)\s+(?:here\s+)?(?:issued|made|created|sent|added|did)\b",
            @"\b(?:secret|live|api)\s+key\b.{0,60}\b(?:public\s+(?:repo|repository|github|gitlab|page|site)|github|gitlab|leaked|exposed|stolen|still\s+has)\b",
            @"\b(?:pushed|posted|committed|published|exposed)\b.{0,40}\b(?:secret|live|api)\s+key\b",
            @"\b(?:still\s+has|has\s+a\s+copy\s+of)\b.{0,30}\b(?:key|password|credentials)\b",
            @"\bfake\b.{0,30}\b(?:login|log-in|sign-in)\b",
            @"\b(?:typed|entered|gave)\s+(?:my|our)\s+password\b",
            @"\b(?:being\s+attacked|under\s+attack)\b",
            @"\blocked\s+out\s+of\s+(?:my|our)\s+own\b",
            @"\balguien\s+(?:entró|entro|accedió|accedio|cambió|cambio)\b",
        ],
        [HandoffReason.LegalThreat] =
        [
            @"\b(?:lawyers?|attorneys?|solicitors?|lawsuit|legal action|class action|small claims|ombudsman)\b",
            @"\b(?:sue|suing)\s+(?:you|your company|them)\b",
            @"\b(?:take|taking)\s+(?:you|this|it)\s+to\s+court\b",
            @"\breport(?:ing)?\s+(?:you|this)\s+to\s+(?:the\s+)?(?:regulator|authorities|police|bbb|cfpb|fca)\b",
            @"\b(?:abogados?|demanda|demandar(?:les|los)?|acción legal|acciones legales|denuncia)\b",
            @"\b(?:i\s+am|i'm|we\s+are|we're|will|going\s+to|gonna)\s+(?:sue|suing)\b",
            @"\b(?:formal\s+complaint|attorney\s+general|cfpb)\b",
        ],
        [HandoffReason.AsksForHuman] =
        [
            @"\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|some\s+)?(?:real\s+|live\s+)?(?:human|person|agent|representative|someone|somebody|manager|people)\b",
            @"\b(?:human|real person|live agent|representative)\s*,?\s*please\b",
            @"\b(?:connect|transfer|put)\s+me\s+(?:to|with|through to)\s+(?:an?\s+)?(?:human|person|agent|someone|support)\b",
            @"\bhablar\s+con\s+(?:una\s+persona|un\s+agente|alguien|un\s+humano|soporte)\b",
            @"\b(?:hand|pass|escalate)\s+(?:this|it|me)\s+(?:over\s+)?to\s+(?:a\s+|an\s+|your\s+)?(?:person|human|agent|manager|someone|supervisor)\b",
            @"\b(?:get|give|find)\s+me\s+(?:a\s+|an\s+|your\s+)?(?:manager|supervisor|human|person|real\s+person|agent)\b",
            @"\bcan\s+(?:someone|somebody|a\s+person|a\s+human)\s+(?:please\s+)?(?:look\s+at|check|call)\b",
            @"\bhablar\s+con\s+un\s+agente\s+humano\b",
        ],
    };

    // Building a non-backtracking regex costs milliseconds, so the defaults are built once per process.
    private static readonly Lazy<List<(HandoffReason Reason, Regex Pattern)>> CompiledDefaults = new(() => Compile(Defaults));

    private readonly List<(HandoffReason Reason, Regex Pattern)> _rules;

    /// <summary>The defaults plus <paramref name="extra"/> patterns per reason.</summary>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression (the message names it).</exception>
    public HumanHandoffRules(IReadOnlyDictionary<HandoffReason, string[]>? extra = null)
    {
        _rules = extra is null || extra.Count == 0 ? CompiledDefaults.Value : [.. CompiledDefaults.Value, .. Compile(extra)];
    }

    private static List<(HandoffReason Reason, Regex Pattern)> Compile(IReadOnlyDictionary<HandoffReason, string[]> patterns)
    {
        var rules = new List<(HandoffReason, Regex)>();
        foreach (var (reason, list) in patterns)
        {
            foreach (var pattern in list)
            {
                try
                {
                    rules.Add((reason, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)));
                }
                catch (ArgumentException error)
                {
                    throw new ArgumentException($"handoff pattern for {reason} is not a valid regular expression: '{pattern}' ({error.Message})", nameof(patterns), error);
                }
            }
        }
        return rules;
    }

    /// <summary>Every reason that applies to <paramref name="question"/>, once each, with the first words that triggered it.</summary>
    public IReadOnlyList<HandoffMatch> Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var matches = new List<HandoffMatch>();
        foreach (var (reason, pattern) in _rules)
        {
            if (matches.Exists(m => m.Reason == reason)) continue;
            var match = pattern.Match(question);
            if (match.Success) matches.Add(new HandoffMatch(reason, match.Value));
        }
        return matches;
    }
}
