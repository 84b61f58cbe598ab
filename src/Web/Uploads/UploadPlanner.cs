using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;

namespace Strata.Web.Uploads;

/// <summary>What to do with a batch of picked or dropped files: the final name of each (null: skip).</summary>
public sealed record UploadPlan(IReadOnlyDictionary<string, string?> Names);

public enum ConflictChoice
{
    KeepBoth,
    Replace,
}

/// <summary>
/// Prepares a batch before any byte moves: creates the sub-folders a folder upload needs, and names the
/// files that would collide with existing ones (as new versions, or as "name (2).ext" beside them).
/// </summary>
public sealed class UploadPlanner(FileService files)
{
    private const int MaxSuffix = 999;

    /// <summary>Relative paths whose names are invalid, with the reason; they are left out of the plan.</summary>
    public static IReadOnlyDictionary<string, string> Invalid(IEnumerable<string> relativePaths) =>
        relativePaths
            .Select(p => (Path: p, Error: p.Split('/').Select(Check).FirstOrDefault(e => e is not null)))
            .Where(p => p.Error is not null)
            .ToDictionary(p => p.Path, p => p.Error!);

    /// <summary>Every folder a batch of relative paths needs ("a/b/c.txt" needs "a" and "a/b").</summary>
    public static IEnumerable<string> FoldersOf(IEnumerable<string> relativePaths) =>
        relativePaths
            .SelectMany(p =>
            {
                var segments = p.Split('/')[..^1];
                return segments.Select((_, i) => string.Join('/', segments[..(i + 1)]));
            })
            .Distinct(StringComparer.Ordinal);

    /// <summary>Creates each folder (parents first) unless it exists; returns the first failure.</summary>
    public async Task<string?> CreateFoldersAsync(Caller caller, NodePath target, IEnumerable<string> relativeFolders, CancellationToken cancellationToken)
    {
        foreach (var relative in relativeFolders.OrderBy(f => f.Count(c => c == '/')))
        {
            var path = relative.Split('/').Aggregate(target, (p, segment) => p.Append(NodeName.Parse(segment)));
            var created = await files.CreateFolderAsync(caller, path, cancellationToken);
            if (!created.Succeeded && created.Status != ResultStatus.Conflict)
            {
                return created.Detail;
            }
        }

        return null;
    }

    /// <summary>The top-level files of the batch whose names are already taken in the target folder.</summary>
    public async Task<IReadOnlySet<string>> ConflictsAsync(Caller caller, NodePath target, IEnumerable<string> topLevelNames, CancellationToken cancellationToken) =>
        await files.TakenNamesAsync(caller, target, topLevelNames.Select(NodeName.Parse).ToList(), cancellationToken);

    /// <summary>Final names: conflicting ones kept as new versions, or renamed to the first free "name (n)".</summary>
    public async Task<UploadPlan> PlanAsync(
        Caller caller, NodePath target, IReadOnlyList<string> relativePaths, IReadOnlySet<string> conflicts, ConflictChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var names = relativePaths.ToDictionary(p => p, p => (string?)p.Split('/')[^1]);
        if (choice == ConflictChoice.Replace)
        {
            return new UploadPlan(names);
        }

        var reserved = new HashSet<string>(relativePaths.Where(p => !p.Contains('/', StringComparison.Ordinal)).Select(NodeName.Fold), StringComparer.Ordinal);
        foreach (var path in relativePaths.Where(p => !p.Contains('/', StringComparison.Ordinal) && conflicts.Contains(NodeName.Fold(p))))
        {
            names[path] = await FreeNameAsync(caller, target, NodeName.Parse(path), reserved, cancellationToken);
        }

        return new UploadPlan(names);
    }

    private async Task<string?> FreeNameAsync(Caller caller, NodePath target, NodeName name, HashSet<string> reserved, CancellationToken cancellationToken)
    {
        // Candidates are checked ten at a time: one query usually settles it.
        for (var first = 2; first <= MaxSuffix; first += 10)
        {
            var candidates = Enumerable.Range(first, 10)
                .Select(n => name.TryWithSuffix($" ({n})", out var c) ? c : null)
                .OfType<NodeName>()
                .Where(c => !reserved.Contains(c.Key))
                .ToList();
            var taken = await files.TakenNamesAsync(caller, target, candidates, cancellationToken);
            if (candidates.FirstOrDefault(c => !taken.Contains(c.Key)) is { } free)
            {
                reserved.Add(free.Key);
                return free.Value;
            }
        }

        return null;
    }

    private static string? Check(string segment) => NodeName.TryCreate(segment, out _, out var error) ? null : $"'{segment}': {error}";
}
