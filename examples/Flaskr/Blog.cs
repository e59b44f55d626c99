using MicroWeb;
using static MicroWeb.Web;

namespace Flaskr;

/// <summary>A post with its author's name.</summary>
public sealed record Post(long Id, string Title, string Body, DateTime Created, long AuthorId, string Username);

/// <summary>The posts: everyone reads them; logged-in users write them, and edit and delete their own.</summary>
public static class Blog
{
    private const string Posts = "SELECT p.id, title, body, created, author_id, username FROM post p JOIN user u ON p.author_id = u.id";

    /// <summary>The blog blueprint, at the site's root.</summary>
    public static Blueprint Blueprint() => new Blueprint("blog").AddRoutes(typeof(Blog));

    [Route("/")]
    private static Response Index() =>
        RenderTemplate("blog/index.html", new { posts = Db.Query<Post>(Posts + " ORDER BY created DESC") });

    // The post, or 404; 403 when checkAuthor and the logged-in user did not write it.
    private static Post GetPost(long id, bool checkAuthor = true)
    {
        var post = Db.QueryOne<Post>(Posts + " WHERE p.id = $id", new { id }) ?? throw Abort(404, $"Post id {id} doesn't exist.");
        if (checkAuthor && post.AuthorId != G.Get<User>("user")!.Id) throw Abort(403);
        return post;
    }

    [Route("/create", Methods = ["GET", "POST"]), LoginRequired]
    private static Response Create(Request request)
    {
        if (request.Method == "POST")
        {
            if (string.IsNullOrEmpty(request.Form["title"])) Flash("Title is required.");
            else
            {
                Db.Execute("INSERT INTO post (title, body, author_id) VALUES ($title, $body, $author)",
                    new { title = request.Form["title"], body = request.Form["body"] ?? "", author = G.Get<User>("user")!.Id });
                return Redirect(UrlFor("blog.Index"));
            }
        }
        return RenderTemplate("blog/create.html");
    }

    [Route("/<int:id>/update", Methods = ["GET", "POST"]), LoginRequired]
    private static Response Update(int id, Request request)
    {
        var post = GetPost(id);
        if (request.Method == "POST")
        {
            if (string.IsNullOrEmpty(request.Form["title"])) Flash("Title is required.");
            else
            {
                Db.Execute("UPDATE post SET title = $title, body = $body WHERE id = $id",
                    new { title = request.Form["title"], body = request.Form["body"] ?? "", id });
                return Redirect(UrlFor("blog.Index"));
            }
        }
        return RenderTemplate("blog/update.html", new { post });
    }

    [Route("/<int:id>/delete", Methods = ["POST"]), LoginRequired]
    private static Response Delete(int id)
    {
        GetPost(id);
        Db.Execute("DELETE FROM post WHERE id = $id", new { id });
        return Redirect(UrlFor("blog.Index"));
    }
}
