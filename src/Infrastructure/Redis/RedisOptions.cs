using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Redis;

/// <summary>
/// <c>Strata:Redis</c>. Unset: one host, everything shared between requests kept in its memory. Set (a
/// StackExchange.Redis configuration string such as <c>redis:6379,password=…</c>): what several hosts must share,
/// the Data Protection key ring, the SignalR backplane, the password-failure counts and the news that someone's rights
/// changed, lives in Redis.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Strata:Redis";

    [NotBlank]
    public string? Configuration { get; set; }

    /// <summary>Begins every key and channel name of this installation.</summary>
    [NotBlank]
    public string Prefix { get; set; } = "strata";
}
