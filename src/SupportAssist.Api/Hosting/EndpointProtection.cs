using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using SupportAssist.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>Endpoint classes: their policies, rate limits, body limits and the client address behind proxies.</summary>
internal static class EndpointProtection
{
    public static string PolicyName(this EndpointClass endpointClass) => endpointClass.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> Scopes(this EndpointClass endpointClass) => endpointClass switch
    {
        EndpointClass.Search => [Hosting.Scopes.Agent, Hosting.Scopes.PublicSearch],
        EndpointClass.Agent => [Hosting.Scopes.Agent],
        EndpointClass.Admin => [Hosting.Scopes.Admin],
        _ => [],
    };

    /// <summary>Puts every endpoint of <paramref name="builder"/> in <paramref name="endpointClass"/>: who may call it, how often, how large a body.</summary>
    public static TBuilder ForClass<TBuilder>(this TBuilder builder, EndpointClass endpointClass)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new EndpointClassMetadata(endpointClass));
        if (endpointClass != EndpointClass.Public) builder.RequireAuthorization(endpointClass.PolicyName());
        builder.RequireRateLimiting(endpointClass.PolicyName());
        return builder;
    }

    public static void AddEndpointProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => o.TrustedProxies.All(p => System.Net.IPNetwork.TryParse(p, out _) || IPAddress.TryParse(p, out _)),
                $"{LimitsOptions.Section}:TrustedProxies must be IP addresses or CIDR networks such as 10.0.0.0/8");
        builder.Services.AddSingleton<IValidateOptions<LimitsOptions>, ClassLimitsValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<LimitsOptions>>((forwarded, limits) =>
        {
            // The client's address, and the scheme a TLS-terminating proxy received (sign-in callbacks and Secure cookies need https).
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies (none by default, not even loopback) are believed.
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the loopback default and is still consulted
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            forwarded.KnownProxies.Clear();
            forwarded.ForwardLimit = null;
            foreach (var proxy in limits.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
                else forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        });
        builder.Services.AddRateLimiter(_ => { });
        // The policies read the limits, and a refusal writes its problem and counts itself, through what the container
        // gives them here: nothing is looked up per request.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>, IProblemDetailsService, SupportAssistMetrics>((options, limits, problems, metrics) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => WriteRejectionAsync(rejected, problems, metrics);
            foreach (var endpointClass in Enum.GetValues<EndpointClass>())
            {
                options.AddPolicy(endpointClass.PolicyName(), context =>
                {
                    var settings = limits.Value;
                    if (!settings.Enabled) return RateLimitPartition.GetNoLimiter("off");
                    var window = settings.For(endpointClass);
                    return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context, endpointClass), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = window.PermitLimit,
                        Window = TimeSpan.FromSeconds(window.WindowSeconds),
                        QueueLimit = 0,
                    });
                });
            }
        });
    }

    /// <summary>Client address from trusted proxies, body limits, then rate limits (after authentication, which names the caller).</summary>
    public static void UseClientAddress(this WebApplication app)
    {
        // With no proxy listed the middleware would believe every sender's header, so it only runs when one is.
        if (app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value.TrustedProxies.Count > 0) app.UseForwardedHeaders();
    }

    public static void UseEndpointLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>();
        var problems = app.Services.GetRequiredService<IProblemDetailsService>();
        app.Use((context, next) => LimitBodyAsync(context, next, limits.Value, problems));
        app.UseRateLimiter();
    }

    // Agent and admin callers are counted per key; public callers, and search with a public-search key (a help
    // site's widget, shared by all its visitors), per client address.
    private static string PartitionKey(HttpContext context, EndpointClass endpointClass)
    {
        var caller = ApiKeyAuthentication.CallerName(context.User);
        var perKey = caller is not null && endpointClass is EndpointClass.Agent or EndpointClass.Admin
            || (endpointClass == EndpointClass.Search && context.User.IsInRole(Hosting.Scopes.Agent));
        return perKey ? $"key:{caller}" : $"ip:{ClientPartition(context.Connection.RemoteIpAddress)}";
    }

    /// <summary>
    /// The client a limit counts: an IPv4 address, or an IPv6 address's /64 network (one subscriber is usually given a
    /// whole /64, so counting single addresses would give them billions of budgets).
    /// </summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, IProblemDetailsService problems, SupportAssistMetrics metrics)
    {
        var http = rejected.HttpContext;
        var endpointClass = http.GetEndpoint()?.Metadata.GetMetadata<EndpointClassMetadata>()?.Class.PolicyName() ?? "unknown";
        metrics.RecordRateLimitRejection(endpointClass);
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = $"This client has used its requests for now; try again in {seconds} s." },
        });
    }

    // A body larger than the endpoint's class allows is refused before it is read: from its Content-Length when it
    // has one, and as it arrives when it is chunked (the server stops reading at the limit).
    private static Task LimitBodyAsync(HttpContext context, RequestDelegate next, LimitsOptions limits, IProblemDetailsService problems)
    {
        if (context.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<EndpointClassMetadata>() is not { } metadata) return next(context);
        var limit = endpoint.Metadata.GetMetadata<ImportBodyMetadata>() is null ? limits.For(metadata.Class).MaxBodyBytes : limits.MaxImportBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"This endpoint reads at most {limit} bytes (got {context.Request.ContentLength}).",
                },
            }).AsTask();
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        return next(context);
    }
}
