using Microsoft.AspNetCore.Http.HttpResults;
using Strata.Infrastructure.Tags;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Tags;

/// <summary>Whether the caller starred an item.</summary>
public sealed record FavoriteState(string Path, bool IsFavorite);

/// <summary><c>/api/v1/favorites</c>: the caller's starred items, starring and unstarring.</summary>
public static class FavoritesApi
{
    public static IEndpointRouteBuilder MapFavoritesApi(this IEndpointRouteBuilder endpoints)
    {
        var favorites = endpoints.MapGroup("/api/v1/favorites").RequireAuthorization().WithTags("Tags");
        favorites.MapGet("/", ListAsync).WithName("ListFavorites").WithSummary("The items the caller starred and may still see, by path.");
        favorites.MapPut("/{**path}", (string? path, HttpContext http, TagService tags, CancellationToken cancellationToken) => SetAsync(path, favorite: true, http, tags, cancellationToken))
            .WithName("AddFavorite").WithSummary("Stars an item the caller can see.");
        favorites.MapDelete("/{**path}", (string? path, HttpContext http, TagService tags, CancellationToken cancellationToken) => SetAsync(path, favorite: false, http, tags, cancellationToken))
            .WithName("RemoveFavorite").WithSummary("Takes the caller's star off an item.");
        return endpoints;
    }

    public static async Task<Ok<IReadOnlyList<FsChild>>> ListAsync(HttpContext http, TagService tags, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<FsChild>>((await tags.FavoritesAsync(http.User.ToCaller(), cancellationToken)).Select(FsChild.From).ToList());

    private static async Task<Results<Ok<FavoriteState>, ProblemHttpResult>> SetAsync(string? path, bool favorite, HttpContext http, TagService tags, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        var result = await tags.SetFavoriteAsync(http.User.ToCaller(), item, favorite, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new FavoriteState(item.Value, result.Value)) : FsProblems.From(result);
    }
}
