using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Domain.Tags;
using Strata.Web.Files;

namespace Strata.Web.Tags;

/// <summary>The <c>scope</c> query parameter: <c>personal</c>, <c>shared</c> or <c>restricted</c>, or absent.</summary>
internal static class TagsApiScope
{
    public static bool TryParse(string? raw, out TagScope? scope, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        scope = null;
        problem = null;
        if (raw is null)
        {
            return true;
        }

        if (Enum.TryParse<TagScope>(raw, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            scope = parsed;
            return true;
        }

        problem = FsProblems.BadRequest($"Unknown tag scope '{raw}'. Use personal, shared or restricted.");
        return false;
    }
}
