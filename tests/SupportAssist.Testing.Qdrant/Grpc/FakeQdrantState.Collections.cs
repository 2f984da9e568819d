using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

internal sealed partial class FakeQdrantState
{
    private readonly Dictionary<string, FakeQdrantCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> CollectionNames
    {
        get
        {
            lock (Gate)
            {
                return [.. _collections.Keys];
            }
        }
    }

    public IReadOnlyDictionary<string, string> AliasMap
    {
        get
        {
            lock (Gate)
            {
                return new Dictionary<string, string>(_aliases, StringComparer.Ordinal);
            }
        }
    }

    public int PointCount(string name)
    {
        lock (Gate)
        {
            return Resolve(name).PointCount;
        }
    }

    public IReadOnlyCollection<string> PayloadIndexes(string name)
    {
        lock (Gate)
        {
            return Resolve(name).PayloadIndexNames;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the collection <paramref name="name"/> names (an alias first, as Qdrant resolves it), under the gate.</summary>
    public T On<T>(string name, Func<FakeQdrantCollection, T> action)
    {
        lock (Gate)
        {
            return action(Resolve(name));
        }
    }

    public IReadOnlyList<string> ListCollections()
    {
        lock (Gate)
        {
            return [.. _collections.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<AliasDescription> ListAliases(string? ofCollection = null)
    {
        lock (Gate)
        {
            string? target = null;
            if (ofCollection is not null)
            {
                target = _aliases.TryGetValue(ofCollection, out var aliased) ? aliased : ofCollection;
                Resolve(target);
            }

            return [.. _aliases.Where(a => target is null || a.Value == target).OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value })];
        }
    }

    public void CreateCollection(CreateCollection request)
    {
        var name = request.CollectionName;
        if (name.Length is 0 or > 255 || name.IndexOfAny(['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0']) >= 0)
            throw QdrantRejection.WrongInput("collection name contains forbidden characters or is too long");
        var collection = FakeQdrantCollection.Create(request);
        lock (Gate)
        {
            if (_collections.ContainsKey(name)) throw QdrantRejection.AlreadyExists($"Collection `{name}` already exists!");
            if (_aliases.ContainsKey(name)) throw QdrantRejection.WrongInput($"Can't create collection with name {name}. Alias with the same name already exists");
            _collections[name] = collection;
        }
    }

    /// <summary>Qdrant deletes by the name as given, without resolving aliases: an alias or unknown name deletes nothing and answers false.</summary>
    public bool DeleteCollection(string name)
    {
        lock (Gate)
        {
            foreach (var alias in _aliases.Where(a => a.Value == name).Select(a => a.Key).ToList()) _aliases.Remove(alias);
            return _collections.Remove(name);
        }
    }

    /// <summary>
    /// Applies the actions in order under one lock, so no call sees a half-done swap; as in Qdrant's update_aliases, an
    /// action that fails stops the batch without undoing the ones before it.
    /// </summary>
    public void UpdateAliases(IEnumerable<AliasOperations> actions)
    {
        lock (Gate)
        {
            foreach (var (action, index) in actions.Select((action, index) => (action, index)))
            {
                switch (action.ActionCase)
                {
                    case AliasOperations.ActionOneofCase.CreateAlias:
                        if (!_collections.ContainsKey(action.CreateAlias.CollectionName)) throw QdrantRejection.NotFound($"Collection `{action.CreateAlias.CollectionName}` doesn't exist!");
                        if (_collections.ContainsKey(action.CreateAlias.AliasName)) throw QdrantRejection.AlreadyExists($"Collection `{action.CreateAlias.AliasName}` already exists!");
                        _aliases[action.CreateAlias.AliasName] = action.CreateAlias.CollectionName;
                        break;
                    case AliasOperations.ActionOneofCase.DeleteAlias:
                        // "Delete alias if exists": a missing alias is no error.
                        _aliases.Remove(action.DeleteAlias.AliasName);
                        break;
                    case AliasOperations.ActionOneofCase.RenameAlias:
                        if (!_aliases.Remove(action.RenameAlias.OldAliasName, out var collection)) throw QdrantRejection.NotFound($"Alias {action.RenameAlias.OldAliasName} does not exists!");
                        _aliases[action.RenameAlias.NewAliasName] = collection;
                        break;
                    default:
                        throw QdrantRejection.WrongInput($"actions[{index}]: an alias action is required");
                }
            }
        }
    }

    private FakeQdrantCollection Resolve(string name)
    {
        // Like Qdrant's resolve_name: an alias first, then the collection it names must exist.
        var collection = _aliases.TryGetValue(name, out var target) ? target : name;
        return _collections.TryGetValue(collection, out var found) ? found : throw QdrantRejection.NotFound($"Collection `{collection}` doesn't exist!");
    }
}
