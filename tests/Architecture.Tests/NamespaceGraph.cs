using System.Reflection;
using Mono.Cecil;

namespace MarketSim.Architecture.Tests;

/// <summary>
/// Which MarketSim namespace uses which, read from the compiled IL: a type's base type, interfaces, attributes,
/// fields, properties, events, method signatures, local variables and every type, method or field an instruction
/// names (generic arguments, arrays and by-refs unwrapped). A nested type (a closure, a lambda's display class, a
/// protocol message) counts for the namespace of its outermost declaring type. XML doc crefs are not in the IL and
/// do not count.
/// </summary>
internal static class NamespaceGraph
{
    private const string Root = "MarketSim";

    /// <summary>Every namespace of the assemblies, with the other namespaces its types use.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> Build(IEnumerable<Assembly> assemblies)
    {
        var edges = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            using var module = ModuleDefinition.ReadModule(assembly.Location);
            foreach (var type in module.GetTypes())
            {
                var from = NamespaceOf(type);
                if (!IsOurs(from))
                {
                    continue;
                }

                if (!edges.TryGetValue(from, out var targets))
                {
                    edges[from] = targets = new SortedSet<string>(StringComparer.Ordinal);
                }

                foreach (var used in UsedTypes(type))
                {
                    var to = NamespaceOf(used);
                    if (IsOurs(to) && to != from)
                    {
                        targets.Add(to);
                    }
                }
            }
        }

        return edges;
    }

    private static bool IsOurs(string ns) => ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal);

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        var used = new List<TypeReference>();
        void Add(TypeReference? reference) => Unwrap(reference, used);
        void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }

        foreach (var e in type.Events)
        {
            Add(e.EventType);
        }

        foreach (var method in type.Methods)
        {
            AddAttributes(method);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference m:
                        Add(m.DeclaringType);
                        Add(m.ReturnType);
                        foreach (var parameter in m.Parameters)
                        {
                            Add(parameter.ParameterType);
                        }

                        if (m is GenericInstanceMethod generic)
                        {
                            foreach (var argument in generic.GenericArguments)
                            {
                                Add(argument);
                            }
                        }

                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }

        return used;
    }

    /// <summary>Adds the named types inside <paramref name="reference"/>: element types and generic arguments.</summary>
    private static void Unwrap(TypeReference? reference, List<TypeReference> into)
    {
        switch (reference)
        {
            case null:
            case GenericParameter:
                return;
            case GenericInstanceType generic:
                Unwrap(generic.ElementType, into);
                foreach (var argument in generic.GenericArguments)
                {
                    Unwrap(argument, into);
                }

                return;
            case TypeSpecification specification:
                Unwrap(specification.ElementType, into);
                return;
            default:
                into.Add(reference);
                return;
        }
    }
}
