using System.Threading.RateLimiting;

namespace MicroWeb.RateLimiting;

/// <summary>
/// How many requests each client may make (flask-limiter's limits, ASP.NET Core's rate limiter policies), built on
/// System.Threading.RateLimiting: one limiter per client address (<see cref="Request.RemoteEndPoint"/>, which is the
/// forwarded client's address behind trusted proxies), or per the key that <see cref="PartitionBy"/> returns.
/// A request over the limit is answered <c>429 Too Many Requests</c> with <c>Retry-After</c>. Give one to
/// <see cref="MicroWebApp.UseRateLimiting"/>, to <see cref="Blueprint.RateLimit"/>, or name it with
/// <see cref="MicroWebApp.AddRateLimitPolicy"/> for <see cref="RateLimitAttribute"/>.
/// </summary>
public sealed class RateLimitPolicy
{
    private readonly Func<string, RateLimitPartition<string>> _partition;
    private PartitionedRateLimiter<string>? _limiter;

    private RateLimitPolicy(Func<string, RateLimitPartition<string>> partition, Func<Request, string?>? partitionBy)
    {
        _partition = partition;
        PartitionBy = partitionBy ?? ClientAddress;
    }

    /// <summary>The key requests are counted under: the client's address unless the policy was created with another
    /// (a user id, an API key); null lets the request through uncounted.</summary>
    public Func<Request, string?> PartitionBy { get; }

    private static string ClientAddress(Request request) => request.RemoteEndPoint?.Address.ToString() ?? "";

    /// <summary>At most <paramref name="permitLimit"/> requests per client in each <paramref name="window"/>
    /// (windows start at fixed moments: a client may send twice the limit across a boundary).</summary>
    public static RateLimitPolicy FixedWindow(int permitLimit, TimeSpan window, Func<Request, string?>? partitionBy = null) => new(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit, Window = window, QueueLimit = 0, AutoReplenishment = true,
        }), partitionBy);

    /// <summary>At most <paramref name="permitLimit"/> requests per client in any <paramref name="window"/>, counted in
    /// <paramref name="segments"/> slices of it (smoother at window boundaries than a fixed window).</summary>
    public static RateLimitPolicy SlidingWindow(int permitLimit, TimeSpan window, int segments = 6, Func<Request, string?>? partitionBy = null) => new(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitLimit, Window = window, SegmentsPerWindow = segments, QueueLimit = 0, AutoReplenishment = true,
        }), partitionBy);

    /// <summary>Bursts of up to <paramref name="burst"/> requests per client, refilled by
    /// <paramref name="tokensPerPeriod"/> every <paramref name="period"/>.</summary>
    public static RateLimitPolicy TokenBucket(int burst, int tokensPerPeriod, TimeSpan period, Func<Request, string?>? partitionBy = null) => new(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst, TokensPerPeriod = tokensPerPeriod, ReplenishmentPeriod = period, QueueLimit = 0, AutoReplenishment = true,
        }), partitionBy);

    // Created on first use, so a policy that no request reaches costs no timer.
    private PartitionedRateLimiter<string> Limiter =>
        LazyInitializer.EnsureInitialized(ref _limiter, () => PartitionedRateLimiter.Create(_partition));

    /// <summary>Counts the request; returns how long to wait when it is over the limit, else null.</summary>
    internal TimeSpan? Refuse(Request request)
    {
        if (PartitionBy(request) is not { } key) return null;
        using var lease = Limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.Zero;
    }
}
