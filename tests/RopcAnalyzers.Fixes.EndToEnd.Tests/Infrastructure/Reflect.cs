using System.Reflection;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>Drives code compiled at test time: construct, call (private members too: fixes keep the legacy method's access), read fields.</summary>
public static class Reflect
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    public static object New(Assembly assembly, string typeName, params object?[] arguments)
        => Activator.CreateInstance(Type(assembly, typeName), Members, binder: null, arguments, culture: null)!;

    public static Type Type(Assembly assembly, string typeName)
        => assembly.GetType(typeName) ?? throw new InvalidOperationException($"No type {typeName} in {assembly.GetName().Name}: {string.Join(", ", assembly.GetTypes().Select(t => t.FullName))}");

    public static object? Call(object target, string method, params object?[] arguments)
    {
        var candidates = target.GetType().GetMethods(Members).Where(m => m.Name == method && m.GetParameters().Length == arguments.Length).ToList();
        var chosen = candidates.Count == 1
            ? candidates[0]
            : throw new InvalidOperationException($"{target.GetType().Name} has {candidates.Count} methods {method} with {arguments.Length} parameters; it has: {string.Join(", ", target.GetType().GetMethods(Members).Select(m => m.Name).Distinct())}");
        try
        {
            return chosen.Invoke(target, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            throw inner;
        }
    }

    public static Task<T> CallAsync<T>(object target, string method, params object?[] arguments) => (Task<T>)Call(target, method, arguments)!;

    public static Task CallAsync(object target, string method, params object?[] arguments) => (Task)Call(target, method, arguments)!;

    public static T? Field<T>(object target, string name)
        => (T?)(target.GetType().GetField(name, Members) ?? throw new InvalidOperationException($"No field {name}")).GetValue(target);

    public static void SetProperty(object target, string name, object? value)
        => (target.GetType().GetProperty(name, Members) ?? throw new InvalidOperationException($"No property {name}")).SetValue(target, value);

    /// <summary>Item1, Item2... of a value tuple returned by a call.</summary>
    public static object?[] TupleItems(object tuple)
        => tuple.GetType().GetFields().Where(f => f.Name.StartsWith("Item", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.GetValue(tuple)).ToArray();
}
