"""HTTP: FastAPI app factory, routers, dependencies, error mapping, middleware."""
