using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Comments;

public sealed class CommentsApiTests : TeamScenario
{
    private const string Board = "/Shared/Board";

    private static readonly string[] SafeTags = ["p", "a", "em", "strong", "code", "pre", "blockquote", "br", "ul", "ol", "li", "div", "span", "del"];

    private HttpClient Admin { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.CreateAdminClientAsync();
    }

    public override ValueTask DisposeAsync()
    {
        Admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_viewer_comments_but_cannot_delete_anothers_comment_while_full_and_owner_can()
    {
        await Admin.MkdirAsync(Board);
        await Admin.GrantUserAsync(Board, "alice", "Viewer");
        await Admin.GrantUserAsync(Board, "bob", "Full");
        (await Admin.PutTextAsync(Board + "/plan.txt", "v1")).EnsureSuccessStatusCode();
        var byAdmin = await Admin.CommentIdAsync(Board + "/plan.txt", "first");
        var another = await Admin.CommentIdAsync(Board + "/plan.txt", "second");

        var byAlice = await Alice.CommentIdAsync(Board + "/plan.txt", "viewer speaking");
        using var refused = await Alice.DeleteAsync(CommentsClient.Comment(byAdmin), Ct);
        using var ownGone = await Alice.DeleteAsync(CommentsClient.Comment(byAlice), Ct);
        using var byFull = await Bob.DeleteAsync(CommentsClient.Comment(byAdmin), Ct);
        using var editOthers = await Bob.PatchAsJsonAsync(CommentsClient.Comment(another), new { body = "rewritten" }, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ownGone.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        byFull.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        editOthers.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var left = await Admin.ThreadsAsync(Board + "/plan.txt");
        left.EnumerateArray().Select(t => t.GetProperty("root").GetProperty("body").GetString()).ShouldBe(["second"]);
    }

    [Fact]
    public async Task Someone_outside_the_folder_gets_404_for_its_comments_exactly_like_a_missing_path()
    {
        await Admin.MkdirAsync(Board);
        await Admin.GrantUserAsync(Board, "alice", "Editor");
        (await Alice.PutTextAsync(Board + "/plan.txt", "v1")).EnsureSuccessStatusCode();
        var id = await Alice.CommentIdAsync(Board + "/plan.txt", "secret plans");

        foreach (var path in new[] { Board + "/plan.txt", Board + "/missing.txt" })
        {
            using var list = await Bob.GetAsync(CommentsClient.Comments(path), Ct);
            using var post = await Bob.PostCommentAsync(path, new { body = "hi" });
            using var mentions = await Bob.GetAsync(new Uri("/api/v1/comments/mentions" + path + "?q=a", UriKind.Relative), Ct);
            list.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            mentions.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using var react = await Bob.PutAsync(CommentsClient.Reaction(id, "👍"), null, Ct);
        using var reactMissing = await Bob.PutAsync(CommentsClient.Reaction(id + 1000, "👍"), null, Ct);
        using var edit = await Bob.PatchAsJsonAsync(CommentsClient.Comment(id), new { body = "x" }, Ct);
        using var delete = await Bob.DeleteAsync(CommentsClient.Comment(id), Ct);
        using var resolve = await Bob.PostAsync(CommentsClient.Comment(id, "/resolve"), null, Ct);
        react.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        reactMissing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await react.ProblemDetailAsync()).ShouldBe($"There is no comment {id}.");
        (await reactMissing.ProblemDetailAsync()).ShouldBe($"There is no comment {id + 1000}.");
        edit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        resolve.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_folder_setting_limits_commenting_and_is_inherited_by_sub_folders()
    {
        await Admin.MkdirAsync("/Shared/Proj");
        await Admin.MkdirAsync("/Shared/Proj/Sub");
        await Admin.MkdirAsync("/Shared/Proj/Sub/Deep");
        await Admin.GrantUserAsync("/Shared/Proj", "alice", "Viewer");
        await Admin.GrantUserAsync("/Shared/Proj", "bob", "Editor");
        (await Admin.PutTextAsync("/Shared/Proj/Sub/Deep/a.txt", "x")).EnsureSuccessStatusCode();
        const string File = "/Shared/Proj/Sub/Deep/a.txt";

        using (var byEditor = await Bob.SetCommentPolicyAsync("/Shared/Proj", "Off"))
        {
            byEditor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await Admin.SetCommentPolicyAsync("/Shared/Proj", "Editors")).EnsureSuccessStatusCode();
        using (var viewer = await Alice.PostCommentAsync(File, new { body = "viewer" }))
        {
            viewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await viewer.ProblemDetailAsync()).ShouldContain("editors");
        }

        var editorsComment = await Bob.CommentIdAsync(File, "editor");
        using (var react = await Alice.PutAsync(CommentsClient.Reaction(editorsComment, "👍"), null, Ct))
        {
            react.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await Admin.SetCommentPolicyAsync("/Shared/Proj/Sub", "Off")).EnsureSuccessStatusCode();
        using (var off = await Bob.PostCommentAsync(File, new { body = "editor again" }))
        {
            off.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var setting = await Alice.GetJsonAsync(new Uri("/api/v1/comments/settings/Shared/Proj/Sub/Deep", UriKind.Relative));
        setting.GetProperty("own").ValueKind.ShouldBe(JsonValueKind.Null);
        setting.GetProperty("effective").GetString().ShouldBe("Off");
        setting.GetProperty("inheritedFrom").GetString().ShouldBe("/Shared/Proj/Sub");
        setting.GetProperty("canChange").GetBoolean().ShouldBeFalse();
        (await Alice.ThreadsAsync(File)).GetArrayLength().ShouldBe(1, "existing threads stay readable");

        (await Admin.SetCommentPolicyAsync("/Shared/Proj/Sub", null)).EnsureSuccessStatusCode();
        (await Admin.SetCommentPolicyAsync("/Shared/Proj", null)).EnsureSuccessStatusCode();
        await Alice.CommentIdAsync(File, "viewers again");
    }

    [Fact]
    public async Task A_mention_of_someone_without_access_is_flagged_to_the_author_and_tells_them_nothing()
    {
        using var carol = await App.CreateUserClientAsync("carol@strata.test");
        var carolId = await carol.UserIdAsync();
        var bobId = await Bob.UserIdAsync();
        await Admin.MkdirAsync(Board);
        await Admin.GrantUserAsync(Board, "alice", "Owner");
        await Admin.GrantUserAsync(Board, "bob", "Viewer");
        (await Alice.PutTextAsync(Board + "/plan.txt", "v1")).EnsureSuccessStatusCode();

        var posted = await Alice.CommentAsync(Board + "/plan.txt", "@bob and @[carol] please check, mail me at alice@example.com.");

        posted.GetProperty("unreachableMentions").EnumerateArray().Select(m => m.GetString()).ShouldBe(["carol"]);
        posted.GetProperty("canShare").GetBoolean().ShouldBeTrue();
        var events = await Admin.GetJsonAsync(new Uri("/api/v1/events?limit=500", UriKind.Relative));
        var added = events.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "CommentAdded");
        added.GetProperty("details").GetProperty("mentions").GetString().ShouldBe(bobId);
        added.GetProperty("details").GetProperty("excerpt").GetString()!.ShouldStartWith("@bob and @[carol]");
        var carolsEvents = await carol.GetJsonAsync(new Uri("/api/v1/events?limit=500", UriKind.Relative));
        carolsEvents.GetProperty("events").GetRawText().ShouldNotContain("Board");
        events.GetProperty("events").EnumerateArray().ShouldAllBe(e => !e.GetRawText().Contains(carolId, StringComparison.Ordinal));
        using var carolLooks = await carol.GetAsync(CommentsClient.Comments(Board + "/plan.txt"), Ct);
        carolLooks.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Mention_autocomplete_lists_only_people_who_can_see_the_item()
    {
        using var carol = await App.CreateUserClientAsync("carol@strata.test");
        using var bobby = await App.CreateUserClientAsync("bobby@strata.test");
        await Admin.MkdirAsync(Board);
        await Admin.GrantUserAsync(Board, "alice", "Editor");
        await Admin.GrantUserAsync(Board, "bobby", "Viewer");

        var candidates = await Alice.GetJsonAsync(new Uri("/api/v1/comments/mentions" + Board + "?q=bo", UriKind.Relative));
        var everyone = await Alice.GetJsonAsync(new Uri("/api/v1/comments/mentions" + Board + "?q=", UriKind.Relative));

        candidates.EnumerateArray().Select(c => c.GetProperty("userName").GetString()).ShouldBe(["bobby"]);
        everyone.EnumerateArray().Select(c => c.GetProperty("userName").GetString()).ShouldBe(["admin", "alice", "bobby"]);
    }

    [Fact]
    public async Task Comments_follow_their_item_through_rename_and_move()
    {
        await Alice.MkdirAsync(Team + "/archive");
        (await Alice.PutTextAsync(Team + "/report.pdf", "v1")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Team + "/report.pdf", "v2")).EnsureSuccessStatusCode();
        await Alice.CommentIdAsync(Team + "/report.pdf", "on version two");

        (await Alice.ActAsync(Team + "/report.pdf", new { action = "rename", name = "final.pdf" })).EnsureSuccessStatusCode();
        (await Alice.ActAsync(Team + "/final.pdf", new { action = "move", destination = Team + "/archive/final.pdf" })).EnsureSuccessStatusCode();

        var threads = await Bob.ThreadsAsync(Team + "/archive/final.pdf");
        threads.GetArrayLength().ShouldBe(1);
        threads[0].GetProperty("root").GetProperty("versionNumber").GetInt32().ShouldBe(2);
        using var old = await Bob.GetAsync(CommentsClient.Comments(Team + "/report.pdf"), Ct);
        old.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Threads_carry_replies_pins_reactions_edits_and_resolution()
    {
        (await Alice.PutTextAsync(Team + "/shot.png", "png")).EnsureSuccessStatusCode();
        using var pinned = await Alice.PostCommentAsync(Team + "/shot.png", new
        {
            body = "this **box**",
            anchor = new { kind = "Rectangle", page = 4, x = 0.1, y = 0.2, width = 0.5, height = 0.25 },
        });
        pinned.StatusCode.ShouldBe(HttpStatusCode.Created);
        var root = (await pinned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("comment").GetProperty("id").GetInt64();
        var reply = await Bob.CommentIdAsync(Team + "/shot.png", "agreed", parentId: root);
        using (var nested = await Alice.PostCommentAsync(Team + "/shot.png", new { body = "deeper", parentId = reply }))
        {
            nested.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await nested.ProblemDetailAsync()).ShouldContain("one level");
        }

        (await Alice.PutAsync(CommentsClient.Reaction(root, "👍"), null, Ct)).EnsureSuccessStatusCode();
        (await Alice.PutAsync(CommentsClient.Reaction(root, "👍"), null, Ct)).EnsureSuccessStatusCode();
        using var bobReacts = await Bob.PutAsync(CommentsClient.Reaction(root, "👍🏽"), null, Ct);
        (await Bob.PutAsync(CommentsClient.Reaction(root, "👍"), null, Ct)).EnsureSuccessStatusCode();
        (await Bob.DeleteAsync(CommentsClient.Reaction(root, "👍🏽"), Ct)).EnsureSuccessStatusCode();
        using (var edited = await Alice.PatchAsJsonAsync(CommentsClient.Comment(root), new { body = "this *box*, edited" }, Ct))
        {
            edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await Bob.PostAsync(CommentsClient.Comment(reply, "/resolve"), null, Ct)).EnsureSuccessStatusCode();

        bobReacts.StatusCode.ShouldBe(HttpStatusCode.OK);
        var thread = (await Alice.ThreadsAsync(Team + "/shot.png"))[0];
        var first = thread.GetProperty("root");
        first.GetProperty("html").GetString()!.ShouldContain("<p>this <em>box</em>, edited</p>");
        first.GetProperty("editedAt").ValueKind.ShouldBe(JsonValueKind.String);
        first.GetProperty("resolvedAt").ValueKind.ShouldBe(JsonValueKind.String);
        first.GetProperty("anchor").GetProperty("kind").GetString().ShouldBe("Rectangle");
        first.GetProperty("anchor").GetProperty("page").GetInt32().ShouldBe(4);
        first.GetProperty("anchor").GetProperty("width").GetDouble().ShouldBe(0.5);
        var reactions = first.GetProperty("reactions").EnumerateArray().ToList();
        reactions.Count.ShouldBe(1);
        reactions[0].GetProperty("emoji").GetString().ShouldBe("👍");
        reactions[0].GetProperty("count").GetInt32().ShouldBe(2);
        reactions[0].GetProperty("mine").GetBoolean().ShouldBeTrue();
        thread.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("body").GetString()).ShouldBe(["agreed"]);

        (await Alice.PostAsync(CommentsClient.Comment(root, "/reopen"), null, Ct)).EnsureSuccessStatusCode();
        (await Alice.ThreadsAsync(Team + "/shot.png"))[0].GetProperty("root").GetProperty("resolvedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var types = (await Alice.GetJsonAsync(new Uri("/api/v1/events?limit=500", UriKind.Relative))).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).Where(t => t!.StartsWith("Comment", StringComparison.Ordinal)).ToList();
        types.ShouldBe(["CommentAdded", "CommentAdded", "CommentReacted", "CommentReacted", "CommentReacted", "CommentReacted",
            "CommentEdited", "CommentResolved", "CommentReopened"]);
    }

    [Fact]
    public async Task A_deleted_first_comment_with_replies_stays_as_a_placeholder_until_its_last_reply_goes()
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "x")).EnsureSuccessStatusCode();
        var root = await Alice.CommentIdAsync(Team + "/a.txt", "question");
        var reply = await Bob.CommentIdAsync(Team + "/a.txt", "answer", parentId: root);

        (await Alice.DeleteAsync(CommentsClient.Comment(root), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var placeholder = (await Bob.ThreadsAsync(Team + "/a.txt"))[0];
        placeholder.GetProperty("root").GetProperty("deleted").GetBoolean().ShouldBeTrue();
        placeholder.GetProperty("root").GetProperty("body").GetString().ShouldBeEmpty();
        placeholder.GetProperty("root").GetProperty("authorId").ValueKind.ShouldBe(JsonValueKind.Null);
        placeholder.GetProperty("replies").GetArrayLength().ShouldBe(1);

        (await Bob.DeleteAsync(CommentsClient.Comment(reply), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Bob.ThreadsAsync(Team + "/a.txt")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Threads_come_a_page_at_a_time_newest_or_oldest_first()
    {
        (await Alice.PutTextAsync(Team + "/busy.txt", "x")).EnsureSuccessStatusCode();
        for (var i = 1; i <= 25; i++)
        {
            await Alice.CommentIdAsync(Team + "/busy.txt", $"comment {i}");
        }

        var page1 = await Alice.GetJsonAsync(new Uri($"/api/v1/comments{Team}/busy.txt?limit=10", UriKind.Relative));
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await Alice.GetJsonAsync(new Uri($"/api/v1/comments{Team}/busy.txt?limit=10&cursor={cursor}", UriKind.Relative));
        var oldest = await Alice.GetJsonAsync(new Uri($"/api/v1/comments{Team}/busy.txt?order=oldest&limit=30", UriKind.Relative));

        Bodies(page1).ShouldBe(Enumerable.Range(16, 10).Reverse().Select(i => $"comment {i}"));
        Bodies(page2).ShouldBe(Enumerable.Range(6, 10).Reverse().Select(i => $"comment {i}"));
        Bodies(oldest).ShouldBe(Enumerable.Range(1, 25).Select(i => $"comment {i}"));
        oldest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        page1.GetProperty("canComment").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"body":""}""", "empty")]
    [InlineData("""{"body":"   "}""", "empty")]
    [InlineData("""{"body":"x","anchor":{"kind":"Point","x":1.5,"y":0.2}}""", "fractions")]
    [InlineData("""{"body":"x","anchor":{"kind":"Rectangle","x":0.8,"y":0.2,"width":0.5,"height":0.1}}""", "within the page")]
    [InlineData("""{"body":"x","anchor":{"kind":"TimeRange","start":10,"end":5}}""", "time range")]
    [InlineData("""{"body":"x","anchor":{"kind":"Circle","x":0.5,"y":0.5}}""", "anchor kind")]
    [InlineData("""{"body":"x","anchor":{"kind":"Point","page":0,"x":0.5,"y":0.5}}""", "page")]
    public async Task Bad_comments_are_refused_with_the_reason(string json, string reason)
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "x")).EnsureSuccessStatusCode();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Alice.PostAsync(CommentsClient.Comments(Team + "/a.txt"), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain(reason, Case.Insensitive);
    }

    [Fact]
    public async Task Too_long_bodies_and_bad_emoji_are_refused()
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "x")).EnsureSuccessStatusCode();
        var id = await Alice.CommentIdAsync(Team + "/a.txt", "fine");

        using var tooLong = await Alice.PostCommentAsync(Team + "/a.txt", new { body = new string('x', 10_001) });
        using var editTooLong = await Alice.PatchAsJsonAsync(CommentsClient.Comment(id), new { body = new string('x', 10_001) }, Ct);
        using var word = await Alice.PutAsync(CommentsClient.Reaction(id, "lol"), null, Ct);
        using var two = await Alice.PutAsync(CommentsClient.Reaction(id, "👍👍"), null, Ct);

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ProblemDetailAsync()).ShouldContain("10000");
        editTooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        word.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        two.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await two.ProblemDetailAsync()).ShouldContain("emoji");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![img](x \"onerror=alert(1)\")")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<https://x.example/\" onmouseover=\"alert(1)>")]
    [InlineData("[a](https://x.example/ \"title\" onclick=alert(1))")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("`<script>` and <!-- <script>alert(1)</script> -->")]
    public async Task Markdown_from_an_xss_corpus_renders_to_html_that_runs_nothing(string body)
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "x")).EnsureSuccessStatusCode();

        var html = (await Alice.CommentAsync(Team + "/a.txt", body)).GetProperty("comment").GetProperty("html").GetString()!;

        // Escaped source text may mention "onerror" harmlessly; what matters is the elements and attributes the browser builds.
        var document = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(html, Ct);
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            element.LocalName.ShouldBeOneOf(SafeTags);
            foreach (var attribute in element.Attributes)
            {
                attribute.Name.ShouldNotStartWith("on", Case.Insensitive);
                attribute.Name.ShouldNotBe("style");
                if (attribute.Name is "href" or "src")
                {
                    attribute.Value.ShouldMatch("^(https?|mailto):", $"{attribute.Name} in {html}");
                }
            }
        }

        (await Alice.ThreadsAsync(Team + "/a.txt"))[0].GetProperty("root").GetProperty("body").GetString().ShouldBe(body);
    }

    [Fact]
    public async Task Switching_the_flag_off_closes_the_api_with_503()
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "x")).EnsureSuccessStatusCode();
        using var off = await Admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/Comments", UriKind.Relative), new { enabled = false, users = (string[]?)null, groups = (string[]?)null, rolloutPercentage = 0 }, Ct);
        off.EnsureSuccessStatusCode();

        using var list = await Alice.GetAsync(CommentsClient.Comments(Team + "/a.txt"), Ct);
        using var post = await Alice.PostCommentAsync(Team + "/a.txt", new { body = "x" });

        list.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        list.Headers.RetryAfter.ShouldNotBeNull();
        post.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    private static IEnumerable<string?> Bodies(JsonElement page) =>
        page.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("root").GetProperty("body").GetString());
}
