"""Getting data in and out of Rasd: article readers, the Neo4j loader, exports."""
