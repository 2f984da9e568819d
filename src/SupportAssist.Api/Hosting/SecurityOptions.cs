using System.Security.Cryptography;
using System.Text;

namespace SupportAssist.Api.Hosting;

/// <summary>Who may call what. Bound from <c>SupportAssist:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "SupportAssist:Security";

    /// <summary>Keys with a name and scopes, accepted in the <c>X-Api-Key</c> header.</summary>
    public IReadOnlyList<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Keys from before scopes existed: each may do everything (<c>agent</c> and <c>admin</c>), named
    /// <c>admin-key-1</c>, <c>admin-key-2</c>, …. Prefer <see cref="ApiKeys"/>.
    /// </summary>
    public IReadOnlyList<string> AdminApiKeys { get; set; } = [];

    /// <summary>Every configured key, the old admin keys included; none means open-laptop mode.</summary>
    public IReadOnlyList<(string Name, byte[] Hash, IReadOnlySet<string> Scopes)> Keys() =>
    [
        .. ApiKeys.Select(k => (k.Name!, Hash(k.Key!), (IReadOnlySet<string>)new HashSet<string>(k.Scopes, StringComparer.Ordinal))),
        .. AdminApiKeys.Select((key, i) => ($"admin-key-{i + 1}", Hash(key), (IReadOnlySet<string>)new HashSet<string>([Scopes.Agent, Scopes.Admin], StringComparer.Ordinal))),
    ];

    public bool Open => ApiKeys.Count == 0 && AdminApiKeys.Count == 0;

    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
