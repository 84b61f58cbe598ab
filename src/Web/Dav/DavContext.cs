using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Checksums;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tags;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Dav;

/// <summary>One WebDAV request: who asks, for which path, and the services every handler uses.</summary>
internal sealed class DavContext
{
    private IfHeader? _if;
    private bool _ifParsed;

    private DavContext(HttpContext http, Caller caller, AccessEvaluator access)
    {
        Http = http;
        Caller = caller;
        Access = access;
        Path = DavPaths.FromRequest(http.Request);
        Files = http.RequestServices.GetRequiredService<FileService>();
        Locks = http.RequestServices.GetRequiredService<DavLockStore>();
        Properties = http.RequestServices.GetRequiredService<DeadPropertyStore>();
        Checksums = http.RequestServices.GetRequiredService<ContentChecksums>();
        Tags = http.RequestServices.GetRequiredService<TagService>();
    }

    /// <summary>Reads the caller's rights once per request (cached by the permission service).</summary>
    public static async Task<DavContext> CreateAsync(HttpContext http)
    {
        var caller = http.User.ToCaller();
        var access = await http.RequestServices.GetRequiredService<PermissionService>().ForAsync(caller, http.RequestAborted);
        return new DavContext(http, caller, access);
    }

    public HttpContext Http { get; }

    public HttpRequest Request => Http.Request;

    public HttpResponse Response => Http.Response;

    public CancellationToken Aborted => Http.RequestAborted;

    public Caller Caller { get; }

    /// <summary>The caller's rights, the same evaluator the file service decides with.</summary>
    public AccessEvaluator Access { get; }

    public NodePath Path { get; }

    public FileService Files { get; }

    public DavLockStore Locks { get; }

    public DeadPropertyStore Properties { get; }

    /// <summary>SHA-1 and MD5 of content, for <c>oc:checksums</c>.</summary>
    public ContentChecksums Checksums { get; }

    /// <summary>Tags and stars, for <c>oc:tags</c> and <c>oc:favorite</c>.</summary>
    public TagService Tags { get; }

    /// <summary>The parsed <c>If</c> header, or null when absent.</summary>
    public IfHeader? If
    {
        get
        {
            if (!_ifParsed)
            {
                _ifParsed = true;
                var value = Request.Headers["If"].ToString();
                _if = value.Length == 0 ? null : IfHeader.Parse(value);
            }

            return _if;
        }
    }

    /// <summary>The live node at <paramref name="path"/> as the caller sees it; null when missing or hidden.</summary>
    public async Task<NodeInfo?> FindAsync(NodePath path)
    {
        if (path.IsRoot)
        {
            return DavEntry.Root.Node;
        }

        var found = await Files.GetAsync(Caller, path, Aborted);
        return found.Succeeded ? found.Value : null;
    }

    /// <summary><c>Depth</c>: 0, 1 or infinity; <paramref name="absent"/> when missing. Anything else is a 400.</summary>
    public int Depth(int absent) => Request.Headers["Depth"].ToString().Trim() switch
    {
        "" => absent,
        "0" => 0,
        "1" => 1,
        var d when d.Equals("infinity", StringComparison.OrdinalIgnoreCase) => int.MaxValue,
        _ => throw new DavException(StatusCodes.Status400BadRequest, "Depth must be 0, 1 or infinity."),
    };

    public Task FailAsync<T>(Result<T> result) => DavResponses.WriteErrorAsync(Response, FsProblems.StatusCode(result.Status), result.Detail);

    /// <summary>
    /// As <see cref="FailAsync{T}(Result{T})"/> for a write to a path the caller may see: "not found"
    /// there means a missing parent, which RFC 4918 answers with 409 Conflict (§9.3.1, §9.7.1).
    /// </summary>
    public Task FailWriteAsync<T>(Result<T> result) => result.Status == ResultStatus.NotFound
        ? DavResponses.WriteErrorAsync(Response, StatusCodes.Status409Conflict, result.Detail)
        : FailAsync(result);

    /// <summary>
    /// Refuses a write (PUT, MKCOL, LOCK, a COPY or MOVE destination) at a path the caller may not see, with what the file
    /// service answers a write there: a hidden folder on the way is a missing parent (409), as a free name's would be.
    /// Answered before any lock is looked at, since a lock's root may be hidden too.
    /// </summary>
    public async Task FailHiddenWriteAsync(NodePath path) =>
        await FailWriteAsync(await Files.CheckWritableAsync(Caller, path, WriteConditions.None, Aborted)
            ?? throw new InvalidOperationException($"A write at '{path}', hidden from its caller, was not refused."));

    public Task FailAsync(int status, string detail, string? condition = null, string? conditionHref = null) =>
        DavResponses.WriteErrorAsync(Response, status, detail, condition, conditionHref);
}
