# Production image: gunicorn for web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango and HarfBuzz.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Only what the application needs (the build context is an allow-list too: .dockerignore).
COPY pyproject.toml manage.py ./
COPY gpai_cases ./gpai_cases
RUN pip install .
COPY templates ./templates
COPY static ./static
RUN useradd --system --uid 10001 gpai && mkdir -p /app/var /app/staticfiles && chown -R gpai /app/var /app/staticfiles
USER gpai
ENV DJANGO_SETTINGS_MODULE=gpai_cases.settings.production
EXPOSE 8000
CMD ["gunicorn", "gpai_cases.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
